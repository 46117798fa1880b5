using System.Diagnostics;
using System.Globalization;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Terminal;

/// <summary>
/// Shows a run's progress on standard error: a live, rewritten status line on a terminal; when
/// redirected, plain lines only at stage boundaries and at most every few seconds, so logs stay clean.
/// </summary>
public sealed class TerminalRunObserver : IRunObserver
{
    private static readonly TimeSpan s_redirectedInterval = TimeSpan.FromSeconds(10);

    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private int _statusWidth;

    public TerminalRunObserver(TextWriter error, bool interactive)
    {
        _error = error;
        _interactive = interactive;
    }

    public static TerminalRunObserver ForConsole() =>
        new(Console.Error, !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb");

    public void StageStarted(RunStage stage) => Line($"▶ {stage}");

    public void StageProgress(RunStage stage, double? fraction, string message)
    {
        string percent = fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f * 100,5:F1}% ") : string.Empty;
        string text = $"  {stage}: {percent}{message}";
        if (_interactive)
        {
            int width = Math.Max(20, SafeWindowWidth() - 1);
            string shown = text.Length > width ? text[..width] : text;
            _error.Write("\r" + shown.PadRight(Math.Max(_statusWidth, shown.Length)));
            _statusWidth = shown.Length;
            _error.Flush();
        }
        else if (_sinceLastLine.Elapsed >= s_redirectedInterval)
        {
            Line(text);
        }
    }

    public void StageCompleted(RunStage stage, TimeSpan elapsed, string summary) =>
        Line(string.Create(CultureInfo.InvariantCulture, $"✔ {stage} ({elapsed.TotalSeconds:F1} s): {summary}"));

    public void Warning(string message) => Line("! " + message);

    /// <summary>Plain information line (used by commands for their own steps).</summary>
    public void Info(string message) => Line(message);

    private void Line(string text)
    {
        if (_interactive && _statusWidth > 0)
        {
            _error.Write("\r" + new string(' ', _statusWidth) + "\r");
            _statusWidth = 0;
        }
        _error.WriteLine(text);
        _error.Flush();
        _sinceLastLine.Restart();
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
