using Microsoft.AspNetCore.Builder;
using Workflow.Host;

namespace Workflow.Web.Tests.Operations;

/// <summary>Runs an operator command the way Program.cs does on the command line: its own app, built and never started.</summary>
public static class AppCommandRunner
{
    public static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
        builder.AddApprovalFlow();
        builder.AddApprovalFlowWeb();
        await using var app = builder.Build();
        var output = new StringWriter();
        var code = await AppCommands.RunAsync(app.Services, args, output);
        return (code, output.ToString());
    }
}
