using Workflow.Host;
using Workflow.Web;

var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
builder.AddApprovalFlow();
builder.AddApprovalFlowWeb();

var app = builder.Build();
app.UseApprovalFlowWeb();
await app.Services.InitializeApprovalFlowAsync();
await app.RunAsync();

/// <summary>Entry point; public so the tests can host it.</summary>
public partial class Program;
