namespace Serverless.Upload;

/// <summary>A one-line progress bar on a terminal; on a pipe or log file, a line at every tenth.</summary>
public sealed class ProgressBar
{
    private readonly TextWriter _output;
    private readonly string _label;
    private readonly int _total;
    private readonly bool _interactive;
    private int _lastTenth = -1;

    public ProgressBar(TextWriter output, string label, int total)
    {
        _output = output;
        _label = label;
        _total = Math.Max(total, 1);
        _interactive = !Console.IsErrorRedirected && ReferenceEquals(output, Console.Error);
    }

    public void Report(int done)
    {
        var fraction = Math.Min(1.0, done / (double)_total);
        if (_interactive)
        {
            var width = 30;
            var filled = (int)(fraction * width);
            _output.Write($"\r{_label,-10} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total} ({fraction:P0})   ");
            return;
        }

        var tenth = (int)(fraction * 10);
        if (tenth != _lastTenth)
        {
            _lastTenth = tenth;
            _output.WriteLine($"{_label}: {done}/{_total} ({fraction:P0})");
        }
    }

    public void Complete(int done)
    {
        Report(done);
        if (_interactive)
        {
            _output.WriteLine();
        }
    }
}
