namespace LibrarianDesk.Features.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>The live queue's background work: the ring, missed conversations and their follow-up by email.</summary>
    public static WebApplicationBuilder AddQueue(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<QueueOptions>(builder.Configuration.GetSection("Desk:Queue"));

        // Who is rung for a ring or a greeting's answer, decided once per event; listening before the scheduler rings.
        builder.Services.AddSingleton<Ringer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Ringer>());

        // Rings for new, still-waiting and transferred conversations.
        builder.Services.AddSingleton<RingScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RingScheduler>());

        // Waiting too long: Missed, and the patron is offered the offline form.
        builder.Services.AddSingleton<MissedConversationSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MissedConversationSweeper>());

        // A missed chat answered by email.
        builder.Services.AddSingleton<MissedFollowUp>();
        return builder;
    }
}
