using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace LibrarianDesk.Tests.Resources;

/// <summary>
/// The two resource files are the desk's whole vocabulary: every key the code asks for must be there,
/// in both languages, with the same placeholders.
/// </summary>
public sealed partial class ResourceFileTests
{
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, string>>> IndonesianEntries = new(() => ReadEntries("DeskStrings.resx"));
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, string>>> EnglishEntries = new(() => ReadEntries("DeskStrings.en.resx"));

    private static Dictionary<string, string> Indonesian => ToDictionary(IndonesianEntries.Value);

    private static Dictionary<string, string> English => ToDictionary(EnglishEntries.Value);

    [Fact]
    public void Both_resource_files_are_found_and_hold_text()
    {
        IndonesianEntries.Value.Should().HaveCountGreaterThan(50);
        EnglishEntries.Value.Should().HaveCountGreaterThan(50);
    }

    [Fact]
    public void Indonesian_and_English_have_exactly_the_same_keys()
    {
        var indonesian = Indonesian.Keys.ToHashSet(StringComparer.Ordinal);
        var english = English.Keys.ToHashSet(StringComparer.Ordinal);

        indonesian.Except(english).Should().BeEmpty("every Indonesian key needs an English text");
        english.Except(indonesian).Should().BeEmpty("every English key needs an Indonesian text");
    }

    [Theory]
    [InlineData("DeskStrings.resx")]
    [InlineData("DeskStrings.en.resx")]
    public void No_key_is_defined_twice_in_a_file(string file)
    {
        var entries = file == "DeskStrings.resx" ? IndonesianEntries.Value : EnglishEntries.Value;

        entries.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("DeskStrings.resx")]
    [InlineData("DeskStrings.en.resx")]
    public void No_text_is_empty(string file)
    {
        var entries = file == "DeskStrings.resx" ? IndonesianEntries.Value : EnglishEntries.Value;

        entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).Should().BeEmpty();
    }

    [Fact]
    public void Each_key_uses_the_same_placeholders_in_both_languages()
    {
        var english = English;
        var mismatches = Indonesian
            .Where(e => english.ContainsKey(e.Key))
            .Where(e => !Placeholders(e.Value).SetEquals(Placeholders(english[e.Key])))
            .Select(e => $"{e.Key}: id {{{string.Join(",", Placeholders(e.Value).Order())}}} vs en {{{string.Join(",", Placeholders(english[e.Key]).Order())}}}");

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData("DeskStrings.resx")]
    [InlineData("DeskStrings.en.resx")]
    public void Every_text_is_a_valid_format_string(string file)
    {
        var entries = file == "DeskStrings.resx" ? IndonesianEntries.Value : EnglishEntries.Value;
        var arguments = Enumerable.Range(0, 10).Select(i => (object)$"arg{i}").ToArray();

        // MudBlazor's pager fills its own named tokens ({first_item}…) and is never given arguments.
        var broken = entries.Where(e => !Formats(MudBlazorPagerTokens().Replace(e.Value, ""), arguments)).Select(e => e.Key);

        broken.Should().BeEmpty("a stray or unclosed brace makes the localizer throw when the text is shown with arguments");
    }

    [Fact]
    public void The_placeholder_reader_used_here_sees_indices_formats_and_escaped_braces()
    {
        Placeholders("Kode {0}, {1:N0} dan {{2}} serta {3,5}").Should().BeEquivalentTo([0, 1, 3]);
    }

    [Fact]
    public void Every_literal_key_used_in_the_web_project_exists()
    {
        var keys = Indonesian.Keys.ToHashSet(StringComparer.Ordinal);
        var uses = LiteralKeyUses().ToList();

        uses.Should().HaveCountGreaterThan(50, "the scan must actually find the pages' keys");
        uses.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.Key} ({u.File})").Distinct()
            .Should().BeEmpty();
    }

    [Fact]
    public void The_key_scan_used_here_finds_keys_with_and_without_arguments_but_not_interpolated_ones()
    {
        const string razor = """
            <MudText>@L["Dashboard_Title"]</MudText>
            @L["Dashboard_OnlineCount", status.LibrariansOnline]
            @L[$"Role_{role}"]
            var text = localizer["Error_Unknown"];
            """;

        KeysIn(razor).Should().Equal("Dashboard_Title", "Dashboard_OnlineCount", "Error_Unknown");
    }

    [Fact]
    public void Every_audit_action_has_a_text()
    {
        Missing(ConstantsOf(typeof(AuditActions)).Select(v => $"AuditAction_{v}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_account_error_has_a_text()
    {
        Missing(ConstantsOf(typeof(AccountErrors)).Select(v => $"Error_{v}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_holiday_error_has_a_text()
    {
        Missing(ConstantsOf(typeof(HolidayErrors)).Select(v => $"Error_{v}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_holiday_csv_error_code_is_itself_a_key()
    {
        Missing(ConstantsOf(typeof(HolidayCsvError))).Should().BeEmpty();
    }

    [Fact]
    public void Every_presence_has_a_text()
    {
        Missing(Enum.GetNames<Presence>().Select(n => $"Presence_{n}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_role_has_a_text()
    {
        Missing(DeskRoles.All.Select(r => $"Role_{r}")).Should().BeEmpty();
    }

    [Fact]
    public void Every_holiday_kind_has_a_text()
    {
        Missing(Enum.GetNames<HolidayKind>().Select(n => $"HolidayKind_{n}")).Should().BeEmpty();
    }

    [Fact]
    public void Both_schedule_problems_have_a_text()
    {
        Missing([
            $"Schedule_{ScheduleValidationException.RangeEndsBeforeStart}",
            $"Schedule_{ScheduleValidationException.RangesOverlap}",
        ]).Should().BeEmpty();
    }

    [Fact]
    public void The_identity_errors_the_desk_password_policy_and_account_form_can_raise_have_a_text()
    {
        var describer = new IdentityErrorDescriber();
        IdentityError[] errors =
        [
            describer.PasswordTooShort(10),
            describer.PasswordRequiresDigit(),
            describer.PasswordRequiresLower(),
            describer.PasswordRequiresUpper(),
            describer.PasswordMismatch(),
            describer.DuplicateEmail("a@b.id"),
            describer.DuplicateUserName("a@b.id"),
            describer.InvalidUserName("a b"),
            describer.InvalidEmail("a"),
        ];

        Missing(errors.Select(e => $"Error_{e.Code}")).Should().BeEmpty();
    }

    [Fact]
    public void The_constant_reader_used_here_finds_every_audit_action()
    {
        ConstantsOf(typeof(AuditActions)).Should().Contain([AuditActions.AccountCreated, AuditActions.AlwaysOpenChanged])
            .And.HaveCountGreaterThan(10);
    }

    /// <summary>Keys missing from either language.</summary>
    private static IEnumerable<string> Missing(IEnumerable<string> keys)
    {
        var indonesian = Indonesian;
        var english = English;
        return keys.Where(k => !indonesian.ContainsKey(k) || !english.ContainsKey(k)).ToList();
    }

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static HashSet<int> Placeholders(string text)
    {
        var unescaped = text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);
        return PlaceholderPattern().Matches(unescaped)
            .Select(m => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture))
            .ToHashSet();
    }

    private static bool Formats(string text, object[] arguments)
    {
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, text, arguments);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IEnumerable<(string Key, string File)> LiteralKeyUses()
    {
        var project = Path.Combine(RepositoryFiles.Root, "LibrarianDesk");
        var files = Directory.EnumerateFiles(project, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(project, f)));
        foreach (var file in files)
        {
            foreach (var key in KeysIn(File.ReadAllText(file)))
            {
                yield return (key, Path.GetRelativePath(RepositoryFiles.Root, file));
            }
        }
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static IEnumerable<string> KeysIn(string source) =>
        LiteralKeyPattern().Matches(source).Select(m => m.Groups["key"].Value);

    private static Dictionary<string, string> ToDictionary(IReadOnlyList<KeyValuePair<string, string>> entries) =>
        entries.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static List<KeyValuePair<string, string>> ReadEntries(string file)
    {
        var path = Path.Combine(RepositoryFiles.Root, "LibrarianDesk", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null && d.Attribute("mimetype") is null)
            .Select(d => KeyValuePair.Create((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""))
            .ToList();
    }

    [GeneratedRegex(@"\{(first_item|last_item|all_items)\}")]
    private static partial Regex MudBlazorPagerTokens();

    [GeneratedRegex(@"\{(?<index>\d+)\s*(,\s*-?\d+\s*)?(:[^{}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\b(?:L|localizer|Localizer)\[\s*""(?<key>[^""\\]+)""")]
    private static partial Regex LiteralKeyPattern();
}
