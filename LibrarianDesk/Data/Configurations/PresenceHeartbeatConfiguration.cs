using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LibrarianDesk.Data.Configurations;

internal sealed class PresenceHeartbeatConfiguration : IEntityTypeConfiguration<PresenceHeartbeat>
{
    public void Configure(EntityTypeBuilder<PresenceHeartbeat> builder)
    {
        // One row per server and librarian, written only by that server (an upsert); no foreign key, so a report never
        // fails on an account removed meanwhile: its rows age out like any other.
        builder.HasKey(h => new { h.ServerId, h.LibrarianId });
        builder.Property(h => h.ServerId).HasMaxLength(DeskServer.MaxIdLength);
        builder.Property(h => h.LibrarianId).HasMaxLength(450);
    }
}
