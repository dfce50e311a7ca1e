using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Host;

namespace Workflow.Web.Tests.Operations;

/// <summary>Runs an operator command the way Program.cs does on the command line: its own app, built and never started.</summary>
public static class AppCommandRunner
{
    public static Task<(int Code, string Output)> RunAsync(params string[] args) => RunAsync(_ => { }, args);

    /// <summary>The same, with <paramref name="replace"/> run on the services last (e.g. to watch the security audit).</summary>
    public static async Task<(int Code, string Output)> RunAsync(Action<IServiceCollection> replace, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
        builder.AddApprovalFlow();
        builder.AddApprovalFlowWeb();
        replace(builder.Services);
        await using var app = builder.Build();
        var output = new StringWriter();
        var code = await AppCommands.RunAsync(app.Services, args, output);
        return (code, output.ToString());
    }
}
