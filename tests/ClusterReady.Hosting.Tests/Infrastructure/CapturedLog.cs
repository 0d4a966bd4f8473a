using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterReady.Hosting.Tests.Infrastructure;

/// <summary>A logging provider that keeps ClusterReady's lines (level, message, exception, event) for the test to read.</summary>
internal sealed class CapturedLog : ILoggerProvider, ILogger
{
    private readonly List<(LogLevel Level, string Message, Exception? Exception, EventId Event)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception, EventId Event)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The first line that contains <paramref name="text"/>, once it has been written; throws after <paramref name="timeout"/>.</summary>
    public async Task<(LogLevel Level, string Message, Exception? Exception, EventId Event)> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var line in Lines)
            {
                if (line.Message.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' was not logged within {timeout}. Logged:\n{string.Join("\n", Lines.Select(l => l.Message))}");
            }

            await Task.Delay(20);
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith("ClusterReady.", StringComparison.Ordinal) ? this : NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, formatter(state, exception), exception, eventId));
        }
    }

    public void Dispose()
    {
    }
}
