// The reference for cold start: an empty ASP.NET Core app on the same machine and runtime.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "ok");
app.Run();
