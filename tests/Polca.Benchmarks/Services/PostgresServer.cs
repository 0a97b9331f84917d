using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Polca.Benchmarks.Services;

/// <summary>
/// The PostgreSQL server the benchmarks use: the one named by <c>POLCA_POSTGRES</c> (a connection string), or else a
/// throwaway server started once per process from the installed binaries (initdb into a fresh temporary directory,
/// 127.0.0.1 and a free port only, fsync off, trust auth), stopped and deleted when the process exits.
/// Copied from tests/Polca.Persistence.Tests/Services/PostgresServer.cs, without the test runner's reporting.
/// </summary>
/// <remarks>
/// The throwaway server runs with fsync and synchronous_commit off, so its figures are an upper bound for a
/// server that flushes every commit; a server given by <c>POLCA_POSTGRES</c> runs with its own settings.
/// </remarks>
public static class PostgresServer
{
    /// <summary>The environment variable holding the connection string of an existing server.</summary>
    public const string ConnectionStringVariable = "POLCA_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<(string? BinDirectory, string? Reason)> Probe = new(ProbeInstallation);
    private static readonly Lazy<Task<string>> Started = new(() => Task.Run(StartOrUseExisting));
    private static ThrowawayServer? _server;

    /// <summary>Null when a server can be had (a connection string is given or the binaries are installed), else why not.</summary>
    public static string? UnavailableReason => Probe.Value.Reason;

    /// <summary>The connection string of the server, starting the throwaway server on first use; throws with the reason when there is none.</summary>
    public static Task<string> GetConnectionStringAsync()
    {
        var reason = Probe.Value.Reason;
        if (reason is not null) throw new InvalidOperationException(reason);
        return Started.Value;
    }

    private static async Task<string> StartOrUseExisting()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(given)) return given;
        try
        {
            _server = await ThrowawayServer.StartAsync(Probe.Value.BinDirectory!, CommandTimeout, ReadyTimeout).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _server?.Stop();
            return _server.ConnectionString;
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"The throwaway PostgreSQL server (binaries in {Probe.Value.BinDirectory}) did not start: {ex.Message}", ex);
        }
    }

    private static (string? BinDirectory, string? Reason) ProbeInstallation()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable))) return (null, null);
        const string hint = $"set {ConnectionStringVariable} to a connection string, or install PostgreSQL (Debian: apt-get install postgresql)";
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return (null, $"PostgreSQL benchmarks need a server: {hint}; a throwaway server is only started on Linux and macOS.");
        var bin = FindBinDirectory();
        if (bin is null)
            return (null, $"PostgreSQL is not available: initdb and pg_ctl were found neither under /usr/lib/postgresql/*/bin nor on PATH; {hint}.");
        if (ThrowawayServer.IsRoot)
        {
            if (!ThrowawayServer.UserExists("postgres"))
                return (null, $"PostgreSQL binaries are in {bin}, but this runs as root and there is no 'postgres' user to run the server as; {hint}.");
            if (ThrowawayServer.FindOnPath("runuser") is null && ThrowawayServer.FindOnPath("su") is null)
                return (null, $"PostgreSQL binaries are in {bin}, but this runs as root and neither runuser nor su is there to run the server as 'postgres'; {hint}.");
        }
        return (bin, null);
    }

    private static string? FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault();
            if (best is not null) return best;
        }
        var initdb = ThrowawayServer.FindOnPath("initdb");
        if (initdb is null) return null;
        var dir = Path.GetDirectoryName(ResolveLinks(initdb))!;
        return File.Exists(Path.Combine(dir, "pg_ctl")) ? dir : null;
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    /// <summary>A server started from the installed binaries in a temporary directory.</summary>
    private sealed class ThrowawayServer
    {
        private readonly string _bin;
        private readonly string _root;
        private readonly string _data;
        private readonly TimeSpan _commandTimeout;
        private int _stopped;

        private ThrowawayServer(string bin, string root, TimeSpan commandTimeout)
        {
            _bin = bin;
            _root = root;
            _data = Path.Combine(root, "data");
            _commandTimeout = commandTimeout;
        }

        public string ConnectionString { get; private set; } = "";

        public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

        public static async Task<ThrowawayServer> StartAsync(string bin, TimeSpan commandTimeout, TimeSpan readyTimeout)
        {
            // A short root keeps the Unix socket path under its 107-byte limit; as root, /tmp so that the postgres user can reach it.
            var tmp = Path.GetTempPath();
            if (IsRoot || tmp.Length > 40 || !Directory.Exists(tmp)) tmp = "/tmp";
            var root = Path.Combine(tmp, "polca-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            var server = new ThrowawayServer(bin, root, commandTimeout);
            try
            {
                await server.StartCoreAsync(readyTimeout).ConfigureAwait(false);
                return server;
            }
            catch
            {
                server.Stop();
                throw;
            }
        }

        private async Task StartCoreAsync(TimeSpan readyTimeout)
        {
            if (IsRoot) Run("chown", ["postgres:postgres", _root], asPostgres: false);
            Run(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: IsRoot);
            StartWatchdog();

            Exception? last = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var port = FreePort();
                File.AppendAllText(Path.Combine(_data, "postgresql.conf"), string.Join('\n',
                    "",
                    "# polca throwaway test server",
                    $"port = {port}",
                    "listen_addresses = '127.0.0.1'",
                    $"unix_socket_directories = '{_root}'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "max_connections = 300",
                    "shared_buffers = 128MB",
                    ""));
                try
                {
                    Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"], asPostgres: IsRoot);
                }
                catch (Exception ex)
                {
                    last = new InvalidOperationException($"{ex.Message}\n{TailOfLog()}", ex);
                    continue;
                }
                ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=10;Command Timeout=300";
                await WaitUntilReadyAsync(readyTimeout).ConfigureAwait(false);
                return;
            }
            throw last!;
        }

        private async Task WaitUntilReadyAsync(TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                    await connection.OpenAsync().ConfigureAwait(false);
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    await command.ExecuteScalarAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
                {
                    if (deadline.Elapsed > timeout)
                        throw new TimeoutException($"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s: {ex.Message}\n{TailOfLog()}", ex);
                    await Task.Delay(200).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Stops the server (immediate mode) and deletes its directory; safe to call twice.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            try
            {
                if (File.Exists(Path.Combine(_data, "postmaster.pid")))
                {
                    try
                    {
                        Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "-t", "10", "stop"], asPostgres: IsRoot, TimeSpan.FromSeconds(15));
                    }
                    catch (Exception)
                    {
                        KillPostmaster();
                    }
                }
            }
            finally
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a temporary directory left behind is harmless.
                }
            }
        }

        private void KillPostmaster()
        {
            try
            {
                var first = File.ReadLines(Path.Combine(_data, "postmaster.pid")).FirstOrDefault();
                if (int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 1)
                    Run("kill", ["-QUIT", pid.ToString(CultureInfo.InvariantCulture)], asPostgres: false, TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The server is gone already.
            }
        }

        /// <summary>
        /// Starts a detached shell that stops the server and deletes the directory once this process is gone, so that a
        /// test process killed before its exit handlers ran (a hang timeout, a crash) leaves nothing running. It gives up after 12 hours.
        /// </summary>
        private void StartWatchdog()
        {
            var script = string.Create(CultureInfo.InvariantCulture, $"""
                exec </dev/null >/dev/null 2>&1
                i=0
                while kill -0 {Environment.ProcessId} && [ $i -lt 21600 ]; do sleep 2; i=$((i+1)); done
                if [ -f '{_data}/postmaster.pid' ]; then kill -QUIT "$(head -n 1 '{_data}/postmaster.pid')"; sleep 2; fi
                rm -rf '{_root}'
                """);
            var setsid = FindOnPath("setsid");
            var start = new ProcessStartInfo(setsid ?? "/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            if (setsid is not null) start.ArgumentList.Add("/bin/sh");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            try
            {
                using var process = Process.Start(start);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                // Without a watchdog the exit handler still stops the server on a normal exit.
            }
        }

        private string TailOfLog()
        {
            try
            {
                var log = Path.Combine(_root, "server.log");
                if (!File.Exists(log)) return "(no server log)";
                var lines = File.ReadAllLines(log);
                return "server log:\n" + string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 20)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return "(server log unreadable)";
            }
        }

        private void Run(string exe, IReadOnlyList<string> args, bool asPostgres, TimeSpan? timeout = null)
        {
            var start = new ProcessStartInfo
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _root,
            };
            if (asPostgres && FindOnPath("runuser") is { } runuser)
            {
                start.FileName = runuser;
                foreach (var a in (string[])["-u", "postgres", "--", exe]) start.ArgumentList.Add(a);
                foreach (var a in args) start.ArgumentList.Add(a);
            }
            else if (asPostgres)
            {
                start.FileName = FindOnPath("su") ?? "su";
                foreach (var a in (string[])["postgres", "-s", "/bin/sh", "-c", string.Join(' ', args.Prepend(exe).Select(ShellQuote))]) start.ArgumentList.Add(a);
            }
            else
            {
                start.FileName = exe;
                foreach (var a in args) start.ArgumentList.Add(a);
            }
            start.Environment["LC_ALL"] = "C";

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? _commandTimeout;
            if (!process.WaitForExit(limit))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new TimeoutException($"{Path.GetFileName(exe)} {string.Join(' ', args)} did not finish within {limit.TotalSeconds:0} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
        }

        private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public static bool UserExists(string name) =>
            File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

        public static string? FindOnPath(string name)
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
            foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }
    }
}
