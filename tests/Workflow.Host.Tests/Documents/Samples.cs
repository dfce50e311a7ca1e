namespace Workflow.Host.Tests.Documents;

/// <summary>The real reports in ../shared/samples next to the repository (tests may read them; the app never does).</summary>
public static class Samples
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ApprovalFlow.sln"))) continue;
            var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
            if (System.IO.Directory.Exists(samples)) return samples;
        }
        throw new DirectoryNotFoundException("../shared/samples not found beside the repository.");
    }
}
