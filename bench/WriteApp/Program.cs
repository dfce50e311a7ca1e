// The reference for "HTTP + one durable write": the least an authenticated API write can cost on this machine and runtime.
// POST /login hands out a bearer token (the app's own scheme: ASP.NET Core bearer tokens protected by data protection);
// POST /write, authorised by it, inserts one journal-like row in its own transaction on the same store as the app — SQLite
// in WAL with synchronous=FULL, or PostgreSQL with the server's durable defaults — and answers a small JSON body.
// Usage: WriteApp --store sqlite --file <path> | --store postgres --connection <connection string>
using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
builder.Services.AddAuthorization();
var app = builder.Build();
var postgres = app.Configuration["store"] == "postgres";
var connectionString = postgres ? app.Configuration["connection"]! : $"Data Source={app.Configuration["file"]}";

await using (var setup = Open())
{
    await using var command = setup.CreateCommand();
    command.CommandText = postgres
        ? "CREATE TABLE IF NOT EXISTS journal (id bigserial PRIMARY KEY, report uuid NOT NULL, actor text NOT NULL, at timestamptz NOT NULL, comment text)"
        : "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, report TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, comment TEXT)";
    await command.ExecuteNonQueryAsync();
}

app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/", () => "ok");
app.MapPost("/login", (LoginRequest request) => Results.SignIn(
    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, request.UserName)], BearerTokenDefaults.AuthenticationScheme)),
    authenticationScheme: BearerTokenDefaults.AuthenticationScheme));
app.MapPost("/write/{report:guid}", async (Guid report, WriteRequest request, ClaimsPrincipal user) =>
{
    await using var connection = Open();
    await using var tx = await connection.BeginTransactionAsync();
    await using var command = connection.CreateCommand();
    command.Transaction = tx;
    command.CommandText = "INSERT INTO journal (report, actor, at, comment) VALUES (@report, @actor, @at, @comment)";
    Add(command, "@report", postgres ? report : report.ToString());
    Add(command, "@actor", user.FindFirstValue(ClaimTypes.NameIdentifier)!);
    Add(command, "@at", postgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.ToString("O"));
    Add(command, "@comment", request.Comment ?? "");
    await command.ExecuteNonQueryAsync();
    await tx.CommitAsync();
    return Results.Ok(new { id = report, status = "SecretaryReview" });
}).RequireAuthorization();
app.Run();

DbConnection Open()
{
    DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
    connection.Open();
    if (!postgres)
    {
        using var durable = connection.CreateCommand();
        durable.CommandText = "PRAGMA synchronous=FULL";
        durable.ExecuteNonQuery();
    }
    return connection;
}

static void Add(DbCommand command, string name, object value)
{
    var parameter = command.CreateParameter();
    parameter.ParameterName = name;
    parameter.Value = value;
    command.Parameters.Add(parameter);
}

internal sealed record LoginRequest(string UserName);

internal sealed record WriteRequest(string? Comment);
