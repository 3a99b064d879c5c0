using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LibrarianDesk.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgreSqlDeskDbContext</c> build the PostgreSQL model without a
/// configured server: generating a migration reads the model only and never connects.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDeskDbContext>
{
    public PostgreSqlDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql("Host=localhost;Database=librariandesk").Options);
}
