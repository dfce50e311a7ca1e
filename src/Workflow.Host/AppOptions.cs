using System.ComponentModel.DataAnnotations;

namespace Workflow.Host;

/// <summary>Settings under "App".</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Folder for the SQLite file, mail pickup and uploads; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Absolute address of the site, used for links in mails.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long an API access token lives (it also dies at once when the account's security stamp changes).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The folder under the data folder that holds the SQLite installation's data-protection keys (backed up with it).</summary>
    public const string KeysFolder = "keys";

    /// <summary>The data folder as an absolute path.</summary>
    public string DataPath(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));

    /// <summary>The SQLite installation's key folder as an absolute path.</summary>
    public string KeysPath(string contentRoot) => Path.Combine(DataPath(contentRoot), KeysFolder);
}

/// <summary>Settings under "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default) or PostgreSql (scale-out).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Settings under "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo units, users and reports on start (idempotent).</summary>
    public bool Seed { get; set; }

    /// <summary>Password of every demo user. For local use only; never seeded in Production.</summary>
    public string Password { get; set; } = "Demo@2026";
}
