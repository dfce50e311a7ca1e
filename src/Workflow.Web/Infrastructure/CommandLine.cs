namespace Workflow.Web;

/// <summary>Turns the friendly switches of the README into configuration keys.</summary>
internal static class CommandLine
{
    public static string[] Normalize(string[] args) =>
        // A command's own words and switches ("backup /srv/backup", "--force") are not configuration: the configuration
        // reader would take "/srv/backup" for a key and swallow the next argument as its value. Only --Key=value passes.
        (AppCommands.IsCommand(args) ? args.Where(IsSetting) : args)
        .Select(a => a == "--seed-demo" ? "--Demo:Seed=true" : a).ToArray();

    /// <summary>A configuration option written as --Key=value.</summary>
    public static bool IsSetting(string arg) => arg.StartsWith("--") && arg.Contains('=');
}
