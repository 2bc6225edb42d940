using System.Text;

namespace ResilienceLab.Cli.Tests.GameDays;

/// <summary>A StringWriter a test can read while the command under test still writes to it from other threads.</summary>
internal sealed class LockedStringWriter : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_lock)
        {
            base.Write(buffer);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lock)
        {
            base.WriteLine(value);
        }
    }

    public override StringBuilder GetStringBuilder() => throw new NotSupportedException("read with ToString");

    public override string ToString()
    {
        lock (_lock)
        {
            return base.ToString();
        }
    }
}
