using LibrarianDesk.Data;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LibrarianDesk.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_a_desk_in_use_logs_no_exception_even_when_the_host_stops_it_twice()
    {
        var app = new LoggedDeskApp();
        await app.InitializeAsync();
        await using var patron = await PatronClient.ConnectAsync(app);
        await patron.StartAsync();
        var checkpointer = app.Services.GetServices<IHostedService>().OfType<WalCheckpointer>().Single();

        await app.DisposeAsync();

        // The test host (like a host whose stop is asked for from two places) stops its services a second
        // time once they are disposed; nothing may touch the disposed services then.
        await checkpointer.StopAsync(CancellationToken.None);

        app.Logs.Entries.Where(e => e.Exception is not null || e.Level >= LogLevel.Error).Select(e => e.ConsoleLine + e.Exception)
            .Should().BeEmpty();
    }

    private sealed class LoggedDeskApp : OpenDeskApp
    {
        public CapturedLogs Logs { get; private set; } = default!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(sp =>
                Logs = new CapturedLogs(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple))));
        }
    }
}
