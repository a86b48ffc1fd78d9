namespace Sharplet.Cm;

// One control file write: the controller whose hierarchy holds it (v1; empty on the v2 unified hierarchy),
// the file name and the text written.
internal sealed record CgroupFile(string Controller, string Name, string Value);
