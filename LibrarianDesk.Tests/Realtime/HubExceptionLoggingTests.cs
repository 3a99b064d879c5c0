using LibrarianDesk.Realtime;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>SignalR's logging of a hub method's exception: a refusal (HubException) is dropped, a real fault kept with its stack.</summary>
public sealed class HubExceptionLoggingTests
{
    private const string Dispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    [Fact]
    public void Only_a_hub_exception_in_signalrs_categories_is_dropped()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Trace));
        HubExceptionLogging.AddTo(services);
        CapturedLogs? logs = null;
        services.AddSingleton<ILoggerProvider>(sp => logs = new CapturedLogs(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple)));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        var dispatcher = factory.CreateLogger(Dispatcher);
        dispatcher.LogError(new HubException("validation: Tulis pesan Anda terlebih dahulu."), "Failed to invoke hub method 'SendMessage'.");
        dispatcher.LogError(new InvalidOperationException("a bug"), "Failed to invoke hub method 'Resume'.");
        dispatcher.LogDebug("Received hub invocation.");
        factory.CreateLogger("LibrarianDesk.Features.Somewhere").LogError(new HubException("thrown elsewhere"), "Elsewhere.");

        logs!.Entries.Select(e => e.Message).Should().Equal("Failed to invoke hub method 'Resume'.", "Received hub invocation.", "Elsewhere.");
        logs.Entries[0].Should().BeEquivalentTo(new { Level = LogLevel.Error, Exception = new { Message = "a bug" } });
    }
}
