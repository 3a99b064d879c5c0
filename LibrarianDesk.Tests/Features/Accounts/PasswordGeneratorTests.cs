using LibrarianDesk.Features.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Tests.Features.Accounts;

public sealed class PasswordGeneratorTests
{
    // Enough draws that a missing character class or a look-alike would show up, and still instant.
    private const int Samples = 500;

    private static readonly string[] Passwords = Enumerable.Range(0, Samples).Select(_ => PasswordGenerator.Generate()).ToArray();

    private static readonly Lazy<PasswordOptions> Policy = new(ReadConfiguredPasswordPolicy);

    [Fact]
    public void A_password_is_four_groups_of_four_letters_or_digits_joined_by_hyphens()
    {
        foreach (var password in Passwords)
        {
            password.Should().HaveLength(19);
            var groups = password.Split('-');
            groups.Should().HaveCount(4, "'{0}' has four groups", password);
            groups.Should().OnlyContain(g => g.Length == 4 && g.All(char.IsAsciiLetterOrDigit), "'{0}' groups are four ASCII letters or digits", password);
        }
    }

    [Fact]
    public void Every_password_has_an_upper_case_letter_a_lower_case_letter_and_a_digit()
    {
        foreach (var password in Passwords)
        {
            password.Should().Match(p => p.Any(char.IsAsciiLetterUpper), "'{0}' needs an upper-case letter", password);
            password.Should().Match(p => p.Any(char.IsAsciiLetterLower), "'{0}' needs a lower-case letter", password);
            password.Should().Match(p => p.Any(char.IsAsciiDigit), "'{0}' needs a digit", password);
        }
    }

    [Fact]
    public void No_password_contains_a_look_alike_character()
    {
        var lookAlikes = new[] { '0', 'O', '1', 'l', 'I' };

        Passwords.Should().OnlyContain(p => p.IndexOfAny(lookAlikes) < 0);
    }

    [Fact]
    public void Two_passwords_differ()
    {
        PasswordGenerator.Generate().Should().NotBe(PasswordGenerator.Generate());
        Passwords.Distinct().Should().HaveCount(Samples);
    }

    [Fact]
    public void The_desk_password_policy_is_ten_characters_with_upper_lower_and_digit_but_no_symbol()
    {
        var policy = ConfiguredPasswordPolicy();

        policy.RequiredLength.Should().Be(10);
        policy.RequireDigit.Should().BeTrue();
        policy.RequireLowercase.Should().BeTrue();
        policy.RequireUppercase.Should().BeTrue();
        policy.RequireNonAlphanumeric.Should().BeFalse();
    }

    [Fact]
    public void Generated_passwords_satisfy_the_configured_identity_password_policy()
    {
        var policy = ConfiguredPasswordPolicy();

        foreach (var password in Passwords)
        {
            Satisfies(password, policy).Should().BeTrue("'{0}' must be accepted by Identity", password);
        }
    }

    [Fact]
    public void The_policy_check_used_here_rejects_passwords_that_break_it()
    {
        var policy = ConfiguredPasswordPolicy();

        Satisfies("Ab3-Cd4", policy).Should().BeFalse("too short");
        Satisfies("abcd-efgh-2345", policy).Should().BeFalse("no upper case");
        Satisfies("ABCD-EFGH-2345", policy).Should().BeFalse("no lower case");
        Satisfies("ABCD-efgh-WXYZ", policy).Should().BeFalse("no digit");
        Satisfies("ABCD-efgh-2345", policy).Should().BeTrue();
    }

    /// <summary>The checks <see cref="PasswordValidator{TUser}"/> makes, with the options the app configures.</summary>
    private static bool Satisfies(string password, PasswordOptions policy) =>
        password.Length >= policy.RequiredLength
        && (!policy.RequireDigit || password.Any(char.IsAsciiDigit))
        && (!policy.RequireLowercase || password.Any(char.IsAsciiLetterLower))
        && (!policy.RequireUppercase || password.Any(char.IsAsciiLetterUpper))
        && (!policy.RequireNonAlphanumeric || !password.All(char.IsAsciiLetterOrDigit))
        && password.Distinct().Count() >= policy.RequiredUniqueChars;

    /// <summary>The password options exactly as <see cref="AccountsServiceCollectionExtensions.AddDeskAccounts"/> sets them.</summary>
    private static PasswordOptions ConfiguredPasswordPolicy() => Policy.Value;

    private static PasswordOptions ReadConfiguredPasswordPolicy()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.AddDeskAccounts();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password;
    }
}
