using System.Net;
using System.Text.RegularExpressions;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private const string SecretDefinition = "values:\n  password:\n    fn::secret: hunter2-plaintext\n  user: alice\n";

    [DatabaseFact]
    public async Task A_plaintext_secret_is_stored_as_ciphertext()
    {
        var environment = await NewEnvironmentAsync(SecretDefinition);

        var stored = await DefinitionAsync(environment);

        Assert.DoesNotContain("hunter2-plaintext", stored);
        Assert.Matches(@"fn::secret:\s*\n?\s*\{?\s*ciphertext: \S+", stored);
        Assert.Contains("user: alice", stored);
    }

    [DatabaseFact]
    public async Task A_secret_is_never_returned_in_plaintext_by_reads_of_the_definition()
    {
        var environment = await NewEnvironmentAsync(SecretDefinition);
        await UpdateAsync(environment, "values:\n  other: x\n");

        foreach (var suffix in (string[])["", "/versions/2", "/versions/latest", "/versions/1"])
        {
            Assert.DoesNotContain("hunter2-plaintext", await DefinitionAsync(environment, suffix));
        }
        var revisions = await Client.GetAsync($"{environment.Path}/versions").TextAsync();
        Assert.DoesNotContain("hunter2-plaintext", revisions);
    }

    [DatabaseFact]
    public async Task Decrypt_returns_the_definition_with_secrets_in_plaintext_and_the_revision_headers()
    {
        var environment = await NewEnvironmentAsync(SecretDefinition);

        var response = await Client.GetAsync($"{environment.Path}/decrypt").ShouldBe(HttpStatusCode.OK);

        Assert.Equal("application/x-yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2", response.Header("Pulumi-ESC-Revision"));
        Assert.NotNull(response.Headers.ETag);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("fn::secret: hunter2-plaintext", text);
        Assert.DoesNotContain("ciphertext", text);
        Assert.Contains("hunter2-plaintext", await DefinitionAsync(environment, "/versions/2/decrypt"));
    }

    [DatabaseFact]
    public async Task A_decrypted_definition_sent_back_unchanged_keeps_the_same_secret()
    {
        var environment = await NewEnvironmentAsync(SecretDefinition);

        await UpdateAsync(environment, await DefinitionAsync(environment, "/decrypt"));

        var session = await OpenAndReadAsync(environment);
        Assert.Equal("hunter2-plaintext", (string)session["properties"]!["password"]!["value"]!);
        Assert.True((bool)session["properties"]!["password"]!["secret"]!);
    }

    [DatabaseFact]
    public async Task A_stored_ciphertext_sent_back_in_an_update_stays_the_same_secret()
    {
        var environment = await NewEnvironmentAsync(SecretDefinition);

        await UpdateAsync(environment, await DefinitionAsync(environment) + "  added: later\n");

        AssertJson("""{"password":"hunter2-plaintext","user":"alice","added":"later"}""", await OpenValuesAsync(environment));
    }

    [DatabaseFact]
    public async Task A_ciphertext_copied_into_another_environment_does_not_decrypt_there()
    {
        var source = await NewEnvironmentAsync(SecretDefinition);
        var ciphertext = Regex.Match(await DefinitionAsync(source), @"ciphertext: (\S+?)\}?\s*$", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEmpty(ciphertext);
        var other = await NewEnvironmentAsync();

        var error = await Client.PatchAsync(other.Path, Yaml($"values:\n  stolen:\n    fn::secret:\n      ciphertext: {ciphertext}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.DoesNotContain("hunter2-plaintext", error.ToJsonString());
        Assert.NotEmpty(error["diagnostics"]!.AsArray());
        Assert.Equal("1", (await Client.GetAsync(other.Path).ShouldBe(HttpStatusCode.OK)).Header("Pulumi-ESC-Revision"));
    }

    [DatabaseFact]
    public async Task A_ciphertext_that_is_not_one_is_refused()
    {
        var environment = await NewEnvironmentAsync();

        await Client.PatchAsync(environment.Path, Yaml("values:\n  s:\n    fn::secret:\n      ciphertext: bm90IGEgY2lwaGVydGV4dA==\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal("", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task Secrets_in_every_yaml_form_are_encrypted_and_decrypt_to_the_same_text()
    {
        const string yaml = """
            values:
              flow: {fn::secret: hunter2}
              quoted:
                fn::secret: "has: colon # and hash"
              block:
                fn::secret: |
                  line1
                  line2
              list:
                - fn::secret: in-list
              nested: {inner: {fn::secret: "x y"}}
              empty:
                fn::secret: ""
            """;
        const string expected = """{"flow":"hunter2","quoted":"has: colon # and hash","block":"line1\nline2\n","list":["in-list"],"nested":{"inner":"x y"},"empty":""}""";
        var environment = await NewEnvironmentAsync(yaml);

        var stored = await DefinitionAsync(environment);
        AssertJson(expected, await OpenValuesAsync(environment));
        await UpdateAsync(environment, await DefinitionAsync(environment, "/decrypt"));

        foreach (var plaintext in (string[])["hunter2", "colon", "line1", "in-list", "x y"])
        {
            Assert.DoesNotContain(plaintext, stored);
        }
        AssertJson(expected, await OpenValuesAsync(environment));
    }

    [DatabaseFact]
    public async Task A_secret_must_be_a_string()
    {
        var environment = await NewEnvironmentAsync();

        var error = await Client.PatchAsync(environment.Path, Yaml("values:\n  n:\n    fn::secret: 42\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal("secret values must be string literals", (string)Assert.Single(error["diagnostics"]!.AsArray())!["summary"]!);
    }

    [DatabaseFact]
    public async Task A_ciphertext_that_does_not_decrypt_is_refused_outside_values_too()
    {
        var source = await NewEnvironmentAsync(SecretDefinition);
        var foreign = Regex.Match(await DefinitionAsync(source), @"ciphertext: (\S+)").Groups[1].Value;
        var environment = await NewEnvironmentAsync();

        foreach (var ciphertext in (string[])[foreign, "not-base64!", "bm90IGEgY2lwaGVydGV4dA=="])
        {
            await Client.PatchAsync(environment.Path, Yaml($"values:\n  a: 1\nnotes:\n  fn::secret:\n    ciphertext: {ciphertext}\n")).JsonAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal("", await DefinitionAsync(environment));
    }
}
