using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// Every entry the desk logs, kept for a test to read, together with the line the desk's own console
/// formatter (configured by appsettings.json) writes for it, rendered as the console logger renders it:
/// on the thread that logs, in that thread's culture.
/// </summary>
public sealed class CapturedLogs(ConsoleFormatter consoleFormatter) : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    private ConsoleFormatter ConsoleFormatter { get; } = consoleFormatter;

    public IReadOnlyList<CapturedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter(CultureInfo.InvariantCulture);
            logs.ConsoleFormatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, line);
            logs.entries.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), exception, CultureInfo.CurrentCulture.Name, line.ToString()));
        }
    }
}

/// <summary>One log entry; <see cref="Culture"/> is the current culture of the thread that logged it.</summary>
public sealed record CapturedLog(
    string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, string Culture, string ConsoleLine);
