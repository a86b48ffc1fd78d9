using System.Text;
using Sharplet.Api;
using Sharplet.Certificate;

namespace Sharplet.Tests.Certificate;

public sealed class CsrStatusTests
{
    [Fact]
    public void ApprovedWithoutCertificate_StillWaits() =>
        CsrStatus.IssuedCertificate(Csr(new() { Type = "Approved", Status = "True" }), "u1").ShouldBeNull();

    [Fact]
    public void ApprovedAndSigned_AnswersTheCertificate() =>
        CsrStatus.IssuedCertificate(Csr(new() { Type = "Approved", Status = "True" }, "PEM"), "u1").ShouldBe("PEM");

    [Fact]
    public void SignedButNotApproved_StillWaits() =>
        CsrStatus.IssuedCertificate(Csr(null, "PEM"), "u1").ShouldBeNull();

    [Theory]
    [InlineData("Denied", "is denied")]
    [InlineData("Failed", "failed")]
    public void DeniedOrFailed_EndsTheWait(string type, string text) =>
        Should.Throw<CertificateRequestException>(() => CsrStatus.IssuedCertificate(Csr(new() { Type = type, Status = "True", Reason = "R", Message = "M" }), "u1"))
            .Message.ShouldBe($"certificate signing request csr-1 {text}, reason: R, message: M");

    [Fact]
    public void RecreatedUnderTheSameName_EndsTheWait() =>
        Should.Throw<CertificateRequestException>(() => CsrStatus.IssuedCertificate(Csr(new() { Type = "Approved", Status = "True" }, "PEM"), "other-uid"))
            .Message.ShouldContain("deleted and recreated");

    private static CertificateSigningRequest Csr(CertificateSigningRequestCondition? condition, string? certificate = null) => new()
    {
        Metadata = new ObjectMeta { Name = "csr-1", Uid = "u1" },
        Status = new CertificateSigningRequestStatus
        {
            Conditions = condition is null ? null : [condition],
            Certificate = certificate is null ? null : Encoding.UTF8.GetBytes(certificate),
        },
    };
}
