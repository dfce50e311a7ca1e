using Microsoft.AspNetCore.Hosting;
using Workflow.Web.Tests.Infrastructure;

namespace Workflow.Web.Tests.Operations;

/// <summary>The real app on SQLite in a data folder the test names, so a later app (after a restore) can start on the same one.</summary>
public sealed class DataFolderAppFactory(string dataDirectory) : AppFactory
{
    public string Folder { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:DataDirectory", Folder);
    }
}
