using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// A provider node as a child process (<c>dotnet CardFirmware.Provider.dll</c> from this program's output folder) on a
/// fixed loopback port, so that it can be killed with SIGKILL and started again on the same address.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly string _database;
    private readonly string _keyFile;
    private readonly string _name;
    private readonly string[] _options;
    private Process? _process;

    /// <summary>A node on <paramref name="database"/>; <paramref name="options"/> are further provider options (<c>--session-timeout 120</c>).</summary>
    public NodeProcess(string database, string keyFile, string name, params string[] options)
    {
        _database = database;
        _keyFile = keyFile;
        _name = name;
        _options = options;
        Port = FreePort();
    }

    public int Port { get; }

    public Uri Address => new("http://127.0.0.1:" + Port);

    /// <summary>Starts the node and waits (up to two minutes: the machine may be busy) until it answers <c>/health</c>.</summary>
    public void Start()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CardFirmware.Provider.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--urls", Address.ToString(), "--database", _database, "--share-key-file", _keyFile, "--node", _name, "--rate", "100000" }.Concat(_options))
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info)!;
        // The node logs warnings and errors only (ProviderApp): pass them on, prefixed with the node's name.
        DataReceivedEventHandler forward = (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("[" + _name + "] " + line);
            }
        };
        _process.OutputDataReceived += forward;
        _process.ErrorDataReceived += forward;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(_name + " exited with " + _process.ExitCode + " while starting.");
            }

            try
            {
                if (http.GetAsync(new Uri(Address, "/health")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException(_name + " did not answer within 120 s.");
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits for the exit.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
