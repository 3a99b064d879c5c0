namespace LibrarianDesk.Features.Accounts;

public static class AccountPaths
{
    public const string Root = "/Account";
    public const string Login = "/Account/Login";
    public const string Logout = "/Account/Logout";
    public const string ChangePassword = "/Account/ChangePassword";
    public const string TwoFactor = "/Account/TwoFactor";
    public const string LoginSecondStep = "/Account/Login/TwoFactor";
    public const string Accounts = "/admin/accounts";
}
