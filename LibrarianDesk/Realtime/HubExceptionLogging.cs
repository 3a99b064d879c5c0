using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LibrarianDesk.Realtime;

/// <summary>
/// SignalR logs every exception a hub method (or a hub's OnConnectedAsync) throws at Error with its stack,
/// a <see cref="HubException"/> too, though that is the answer meant for the client: a refusal, which the
/// hub filter that throws it logs on one line (<see cref="PatronHubFilter"/>). Left alone, every refused
/// patron call was an error with a stack, and a patron could fill the log. The dispatcher builds its
/// logger from the logger factory itself, so the factory is where the entry is dropped: only in
/// SignalR's categories, only with a <see cref="HubException"/>. Any other exception, a real fault, is
/// still logged by SignalR at Error with its stack.
/// </summary>
public sealed class HubExceptionLogging(ILoggerFactory factory) : ILoggerFactory
{
    private const string SignalRCategories = "Microsoft.AspNetCore.SignalR.";

    /// <summary>Puts itself around the logger factory that <c>AddLogging</c> registered.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton<LoggerFactory>();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new HubExceptionLogging(sp.GetRequiredService<LoggerFactory>())));
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = factory.CreateLogger(categoryName);
        return categoryName.StartsWith(SignalRCategories, StringComparison.Ordinal) ? new WithoutHubExceptions(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => factory.AddProvider(provider);

    /// <summary>The container disposes the factory inside, which it created.</summary>
    public void Dispose()
    {
    }

    private sealed class WithoutHubExceptions(ILogger logger) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not HubException)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
