using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflow.Tests.Shared;

/// <summary>
/// A private throw-away PostgreSQL cluster on a free loopback port, started once per test run and stopped when the
/// test process exits. Each fixture gets its own database on it. Never touches a system cluster. The benchmark starts
/// a durable one of its own (<see cref="StartDurable"/>).
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly string _dataDirectory;

    private readonly bool _durable;
    private int _stopped;

    private PostgresCluster(string bin, string root, int port, bool durable)
    {
        _bin = bin;
        Root = root;
        _dataDirectory = Path.Combine(root, "data");
        Port = port;
        _durable = durable;
    }

    /// <summary>The cluster of this test run; starts it on first use. Fails loudly when PostgreSQL is not installed.</summary>
    public static PostgresCluster Shared => Instance.Value;

    /// <summary>Why no cluster can be started here (no initdb found), or null when PostgreSQL is installed.</summary>
    public static string? MissingReason()
    {
        try
        {
            FindBinaries();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A cluster of its own with PostgreSQL's durable defaults (fsync, synchronous_commit and full_page_writes on), for
    /// measurements; the caller stops it with <see cref="Stop"/>.
    /// </summary>
    public static PostgresCluster StartDurable() => Start(durable: true);

    public string Root { get; }
    public int Port { get; }

    /// <summary>A connection string to a database of its own (created by the app's migrations on first start).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=30;Include Error Detail=true";

    /// <summary>A fresh database name for one fixture.</summary>
    public static string NewDatabaseName() => "af_" + Guid.NewGuid().ToString("N")[..16];

    private static PostgresCluster Start() => Start(durable: false);

    private static PostgresCluster Start(bool durable)
    {
        var bin = FindBinaries();
        var parent = Path.Combine(Path.GetTempPath(), "approvalflow-pg");
        RemoveStoppedClusters(parent);
        var root = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(bin, root, FreePort(), durable);
        cluster.Initialise();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    /// <summary>The exit handler may not finish deleting; clean up clusters of earlier runs that are stopped and not being set up.</summary>
    private static void RemoveStoppedClusters(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var dir in Directory.GetDirectories(parent))
        {
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")) || Directory.GetCreationTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "PostgreSQL tests need initdb under /usr/lib/postgresql/*/bin: run scripts/test.sh as root (it installs postgresql) or `apt-get install postgresql`.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Initialise()
    {
        if (RunningAsRoot) Run("chown", ["-R", "postgres:postgres", Root]);
        RunAsOwner("initdb", ["-D", _dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // Throw-away data: no fsync, so the suite does not wait on the disk. The benchmark's cluster keeps the durable defaults.
        var durability = _durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        RunAsOwner("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {Root}{durability} -c max_connections=300", "start"]);
    }

    /// <summary>Stops the cluster and deletes its files.</summary>
    public void Stop()
    {
        // The exit handler calls it again after the owner did.
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            RunAsOwner("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL cluster in {Root}: {e.Message}");
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private void RunAsOwner(string tool, string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (RunningAsRoot) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static void Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new InvalidOperationException($"{file} did not finish in 2 minutes."); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
