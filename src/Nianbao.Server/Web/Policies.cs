namespace Nianbao.Server.Web;

/// <summary>Authorization policies of the pages (the roles behind each are set in <see cref="NianbaoServer"/>).</summary>
public static class Policies
{
    /// <summary>admin, reviewer, author: may upload files.</summary>
    public const string Upload = "upload";
    /// <summary>admin, reviewer: may confirm or dismiss findings and re-parse.</summary>
    public const string Decide = "decide";
    /// <summary>admin, author: may fill in a report online.</summary>
    public const string Author = "author";
}
