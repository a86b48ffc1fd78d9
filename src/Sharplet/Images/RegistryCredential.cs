namespace Sharplet.Images;

// One username/password a pull may use, and where it came from (for the messages of a failed pull; the
// password never appears in them).
internal sealed record RegistryCredential(string Username, string Password, string Email, string Source)
{
    public override string ToString() => $"{Username}@{Source}";
}
