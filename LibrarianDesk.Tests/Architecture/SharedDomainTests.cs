using System.Xml.Linq;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Architecture;

/// <summary>Shared holds the domain: plain C# that knows nothing of ASP.NET Core or EF Core, so its rules are tested without a host.</summary>
public sealed class SharedDomainTests
{
    private static readonly string[] Frameworks = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"];

    [Fact]
    public void The_domain_assembly_uses_no_web_or_database_framework()
    {
        var references = typeof(Conversation).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        references.Where(r => Frameworks.Any(f => r.StartsWith(f, StringComparison.Ordinal))).Should().BeEmpty();
    }

    [Fact]
    public void The_domain_project_references_no_web_or_database_framework()
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "Shared", "LibrarianDesk.Shared.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "");

        project.Root!.Attribute("Sdk")!.Value.Should().Be("Microsoft.NET.Sdk");
        references.Where(r => Frameworks.Any(f => r.Contains(f, StringComparison.Ordinal)) || r.Contains("LibrarianDesk", StringComparison.Ordinal))
            .Should().BeEmpty();
    }
}
