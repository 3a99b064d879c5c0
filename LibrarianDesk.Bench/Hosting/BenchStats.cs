using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>A server process's memory and CPU as the bench reads it (after a full, compacting collection).</summary>
public sealed record ServerStats(long ManagedBytes, long RssBytes, double CpuSeconds)
{
    public const string Path = "/bench/stats";

    public static ServerStats Take()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new ServerStats(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, process.TotalProcessorTime.TotalSeconds);
    }
}

public static class BenchStatsEndpoint
{
    /// <summary>Answers <see cref="ServerStats.Path"/> ahead of the app's own pipeline (a server run as a child process).</summary>
    public static IServiceCollection AddBenchStatsEndpoint(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, StatsStartupFilter>();

    private sealed class StatsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Path == ServerStats.Path)
                {
                    await context.Response.WriteAsJsonAsync(ServerStats.Take());
                    return;
                }

                await proceed();
            });
            next(app);
        };
    }
}
