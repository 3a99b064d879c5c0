using System.Text.RegularExpressions;
using System.Xml.Linq;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Widget;

/// <summary>
/// The widget shows a missing text as its key, so a key misspelt in its modules would reach patrons as
/// "Widget_…": every key the modules name must be in the resource files.
/// </summary>
public sealed partial class WidgetStringKeyTests
{
    [Fact]
    public void Every_key_the_widgets_modules_name_is_in_the_resources()
    {
        var resources = XDocument.Load(Path.Combine(Repository.Root, "LibrarianDesk", "Resources", "DeskStrings.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var modules = Path.Combine(Repository.Root, "LibrarianDesk", "wwwroot", "widget", "modules");
        var uses = Directory.GetFiles(modules, "*.mjs")
            .SelectMany(file => KeyPattern().Matches(File.ReadAllText(file)).Select(m => (Key: m.Groups["key"].Value, File: Path.GetFileName(file))))
            .ToList();

        uses.Should().Contain(u => u.Key == "Widget_Attachment_Removed", "the scan must find the modules' keys");
        uses.Where(u => !resources.Contains(u.Key)).Select(u => $"{u.Key} ({u.File})").Distinct().Should().BeEmpty();
    }

    [GeneratedRegex("""['"](?<key>Widget_[A-Za-z0-9_]+)['"]""")]
    private static partial Regex KeyPattern();
}
