using System.Diagnostics;

namespace CascadeDistill.Onnx.Tests.Export;

/// <summary>
/// An independent structural check: the ONNX project's own checker (Debian's python3-onnx, under
/// /usr/bin/python3) with full shape inference. Missing python3-onnx fails the test, never skips it.
/// </summary>
public sealed class OnnxCheckerTests
{
    private const string Python = "/usr/bin/python3";
    private const string InstallHint = "Install the ONNX checker with: apt-get update && apt-get install -y python3-onnx";

    [Fact]
    public async Task CheckModel_ExportedTowers_PassFullCheck()
    {
        using var student = new ExportedStudent();
        Assert.True(File.Exists(Python), $"{Python} not found. {InstallHint}");
        (int importCode, string importError) = await RunPythonAsync("import onnx");
        Assert.True(importCode == 0, $"{Python} cannot import onnx ({importError.Trim()}). {InstallHint}");

        foreach (string path in new[] { student.Result.UserTowerPath, student.Result.ItemTowerPath })
        {
            (int code, string error) = await RunPythonAsync(
                "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)", path);
            Assert.True(code == 0, $"onnx.checker rejected {Path.GetFileName(path)}: {error}");
        }
    }

    private static async Task<(int ExitCode, string StandardError)> RunPythonAsync(string code, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        Task<string> standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await standardOutput;
        return (process.ExitCode, await standardError);
    }
}
