namespace Sharplet.Volumes;

// One file of a projected set: its bytes and its permission bits (0644 unless the volume or item says
// otherwise).
internal sealed record FileProjection(byte[] Data, int Mode);
