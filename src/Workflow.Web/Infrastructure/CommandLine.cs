namespace Workflow.Web;

/// <summary>Turns the friendly switches of the README into configuration keys.</summary>
internal static class CommandLine
{
    public static string[] Normalize(string[] args) =>
        args.Select(a => a == "--seed-demo" ? "--Demo:Seed=true" : a).ToArray();
}
