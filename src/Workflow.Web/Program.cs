using Workflow.Host;
using Workflow.Web;

var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
builder.AddApprovalFlow();
builder.AddApprovalFlowWeb();

var app = builder.Build();
// An operator's command (e.g. "admin create wang") runs against the same configuration and database, then exits.
if (AppCommands.IsCommand(args))
    return await AppCommands.RunAsync(app.Services, args, Console.Out);

app.UseApprovalFlowWeb();
await app.Services.InitializeApprovalFlowAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the tests can host it.</summary>
public partial class Program;
