using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private string YamlPath(string endpoint) => $"api/esc/environments/{Org}/yaml/{endpoint}";

    [DatabaseFact]
    public async Task Checking_a_valid_document_is_200_without_a_diagnostics_key()
    {
        var checkedEnvironment = await Client.PostAsync(YamlPath("check"), Yaml("values:\n  foo: bar\n  ref: ${foo}\n")).JsonAsync();

        Assert.Null(checkedEnvironment["diagnostics"]);
        AssertJson("""{"foo":"bar","ref":"bar"}""", Plain(checkedEnvironment["properties"]));
        Assert.Equal("<yaml>", (string)checkedEnvironment["properties"]!["foo"]!["trace"]!["def"]!["environment"]!);
    }

    [DatabaseFact]
    public async Task Checking_an_invalid_document_is_400_with_exactly_the_one_diagnostic()
    {
        var error = await Client.PostAsync(YamlPath("check"), Yaml("values:\n  foo: ${bad_ref}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(400, (int)error["code"]!);
        var diagnostic = Assert.Single(error["diagnostics"]!.AsArray());
        Assert.Equal("unknown property \"bad_ref\"", (string)diagnostic!["summary"]!);
        Assert.Equal("<yaml>", (string)diagnostic["range"]!["environment"]!);
    }

    [DatabaseFact]
    public async Task Checking_hides_secrets_unless_asked_to_show_them()
    {
        const string yaml = "values:\n  password:\n    fn::secret: s3cret\n";

        var hidden = await Client.PostAsync(YamlPath("check?showSecrets=false"), Yaml(yaml)).JsonAsync();
        var shown = await Client.PostAsync(YamlPath("check?showSecrets=true"), Yaml(yaml)).JsonAsync();

        Assert.DoesNotContain("s3cret", hidden.ToJsonString());
        Assert.True((bool)hidden["properties"]!["password"]!["secret"]!);
        Assert.Equal("s3cret", (string)shown["properties"]!["password"]!["value"]!);
        Assert.True((bool)shown["properties"]!["password"]!["secret"]!);
    }

    [DatabaseFact]
    public async Task Checking_resolves_imports_of_stored_environments()
    {
        var common = await NewEnvironmentAsync("values:\n  region: eu-west-1\n");

        var checkedEnvironment = await Client.PostAsync(YamlPath("check"), Yaml($"imports:\n  - {common.Reference}\nvalues:\n  where: ${{region}}\n")).JsonAsync();

        AssertJson("""{"region":"eu-west-1","where":"eu-west-1"}""", Plain(checkedEnvironment["properties"]));
    }

    [DatabaseFact]
    public async Task Checking_an_empty_document_is_an_empty_environment()
    {
        AssertJson("{}", await Client.PostAsync(YamlPath("check"), Yaml("")).JsonAsync());
    }

    [DatabaseFact]
    public async Task Checking_in_an_unknown_organization_is_404()
    {
        await Client.PostAsync($"api/esc/environments/{Unique("nowhere")}/yaml/check", Yaml("values: {}\n")).ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_yaml_document_opens_into_a_session_read_through_the_yaml_path()
    {
        var id = (string)(await Client.PostAsync(YamlPath("open?duration=1h"), Yaml("values:\n  a: 1\n  b: ${a}\n")).JsonAsync())["id"]!;

        var session = await Client.GetAsync(YamlPath($"open/{id}")).JsonAsync();
        var property = await Client.GetAsync(YamlPath($"open/{id}?property=b")).JsonAsync();

        AssertJson("""{"a":1,"b":1}""", Plain(session["properties"]));
        Assert.Equal(1, (int)property["value"]!);
    }

    [DatabaseFact]
    public async Task Opening_an_invalid_yaml_document_is_400_with_diagnostics()
    {
        var error = await Client.PostAsync(YamlPath("open"), Yaml("values:\n  foo: ${bad_ref}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(error["diagnostics"]!.AsArray());
    }

    [DatabaseFact]
    public async Task A_yaml_session_is_not_readable_from_another_organization()
    {
        var id = (string)(await Client.PostAsync(YamlPath("open"), Yaml("values:\n  a: 1\n")).JsonAsync())["id"]!;
        var (member, organization) = await NewOrganizationMemberAsync();

        await member.GetAsync($"api/esc/environments/{organization}/yaml/open/{id}").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task A_stored_secret_imported_into_a_check_is_unknown_unless_secrets_are_shown()
    {
        var common = await NewEnvironmentAsync(SecretDefinition);
        var yaml = Yaml($"imports:\n  - {common.Reference}\n");

        var hidden = await Client.PostAsync(YamlPath("check"), yaml).JsonAsync();
        var shown = await Client.PostAsync(YamlPath("check?showSecrets=true"), Yaml($"imports:\n  - {common.Reference}\n")).JsonAsync();

        var password = hidden["properties"]!["password"]!;
        Assert.Null(password["value"]);
        Assert.True((bool)password["secret"]!);
        Assert.True((bool)password["unknown"]!);
        Assert.NotNull(password["trace"]);
        Assert.Equal("hunter2-plaintext", (string)shown["properties"]!["password"]!["value"]!);
    }

    [DatabaseFact]
    public async Task A_ciphertext_in_a_document_that_is_not_stored_never_decrypts()
    {
        var source = await NewEnvironmentAsync(SecretDefinition);
        var ciphertext = System.Text.RegularExpressions.Regex.Match(await DefinitionAsync(source), @"ciphertext: (\S+)").Groups[1].Value;
        var yaml = $"values:\n  s:\n    fn::secret:\n      ciphertext: {ciphertext}\n";

        var check = await Client.PostAsync(YamlPath("check"), Yaml(yaml)).JsonAsync();
        var shown = await Client.PostAsync(YamlPath("check?showSecrets=true"), Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);
        var opened = await Client.PostAsync(YamlPath("open"), Yaml(yaml)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Null(check["properties"]!["s"]!["value"]);
        Assert.True((bool)check["properties"]!["s"]!["unknown"]!);
        Assert.DoesNotContain("hunter2-plaintext", shown.ToJsonString());
        Assert.DoesNotContain("hunter2-plaintext", opened.ToJsonString());
        Assert.StartsWith("decrypting", (string)Assert.Single(opened["diagnostics"]!.AsArray())!["summary"]!);
    }
}
