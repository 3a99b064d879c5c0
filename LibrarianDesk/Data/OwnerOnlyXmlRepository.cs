using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LibrarianDesk.Data;

/// <summary>
/// The sign-in key ring in the data folder, readable by the desk's account only (<see cref="OwnerOnlyFiles"/>):
/// whoever reads a key can forge any staff member's sign-in cookie.
/// </summary>
internal sealed class OwnerOnlyXmlRepository : FileSystemXmlRepository
{
    public OwnerOnlyXmlRepository(DirectoryInfo directory, ILoggerFactory loggerFactory)
        : base(Secured(directory), loggerFactory)
    {
    }

    public override void StoreElement(XElement element, string friendlyName)
    {
        base.StoreElement(element, friendlyName);
        OwnerOnlyFiles.SecureFolder(Directory.FullName);
    }

    private static DirectoryInfo Secured(DirectoryInfo directory)
    {
        OwnerOnlyFiles.SecureFolder(directory.FullName);
        return directory;
    }
}
