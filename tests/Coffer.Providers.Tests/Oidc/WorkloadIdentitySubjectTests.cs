using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Tests.Oidc;

public sealed class WorkloadIdentitySubjectTests
{
    private static readonly ProviderContext Context = new("payments/base", "payments/prod", EscValue.EmptyObject, null);

    [Fact]
    public void Without_attributes_the_subject_names_the_organization_and_the_environment_holding_the_call() =>
        Assert.Equal("pulumi:environments:org:acme:env:payments/base", WorkloadIdentitySubject.Build("acme", Context, []));

    [Fact]
    public void Attributes_are_appended_in_the_order_given()
    {
        var subject = WorkloadIdentitySubject.Build(
            "contoso",
            Context,
            [WorkloadIdentitySubject.RootEnvironmentName, WorkloadIdentitySubject.UserLogin, WorkloadIdentitySubject.CurrentEnvironmentName],
            new Dictionary<string, string> { [WorkloadIdentitySubject.UserLogin] = "alice" });

        Assert.Equal("pulumi:environments:pulumi.organization.login:contoso:rootEnvironment.name:payments/prod:pulumi.user.login:alice:currentEnvironment.name:payments/base", subject);
    }

    [Fact]
    public void An_attribute_the_host_does_not_attest_is_an_error()
    {
        var error = Assert.Throws<ProviderException>(() => WorkloadIdentitySubject.Build("acme", Context, [WorkloadIdentitySubject.TokenTeam]));
        Assert.Contains("pulumi.token.team", error.Message, StringComparison.Ordinal);
    }
}
