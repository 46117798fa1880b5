using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>
/// <c>cascade-distill serve</c> as a separate process (<c>dotnet cascade-distill.dll</c> from the Cli
/// project's build output) on a free loopback port. Disposing kills the whole process tree if it still runs.
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServeProcess Start(DirectoryInfo workDir, DirectoryInfo pipelines, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            CliAssembly().FullName, "serve", "--work-dir", workDir.FullName, "--pipelines", pipelines.FullName,
            "--urls", $"http://127.0.0.1:{FreeLoopbackPort()}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>SIGKILL of the host and every child process; waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>src/CascadeDistill.Cli/bin/CONFIG/TFM/cascade-distill.dll, in the configuration and framework the tests were built with.</summary>
    private static FileInfo CliAssembly()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        DirectoryInfo configuration = tfm.Parent!;
        DirectoryInfo repository = RepositoryPaths.Pipelines().Parent!;
        var dll = new FileInfo(Path.Combine(repository.FullName, "src", "CascadeDistill.Cli", "bin", configuration.Name, tfm.Name, "cascade-distill.dll"));
        return dll.Exists ? dll : throw new FileNotFoundException("Build src/CascadeDistill.Cli first (the test project references it).", dll.FullName);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
