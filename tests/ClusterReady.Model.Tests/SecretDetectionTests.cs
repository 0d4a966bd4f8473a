using ClusterReady.Model.Rules;
using CsCheck;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The secret heuristics on their own, at every edge: which names and which values read as a credential and which
/// do not (the secret literal rules turn these verdicts into findings: SecretLiteralRulesTests).
/// </summary>
public sealed class SecretDetectionTests
{
    private const string Plausible = "hunter2!";

    // Base64 characters in an order that mixes upper case, lower case and digits from the start.
    private const string Alphabet = "Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0GuYiQoZyBtRgMhSjAkDlEnFpIvOwxC";

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("passwd")]
    [InlineData("Key__Passphrase")]
    [InlineData("PWD")]
    [InlineData("Client.Secret")]
    [InlineData("Auth:Token")]
    [InlineData("Stripe__ApiKey")]
    [InlineData("AWS_ACCESS_KEY")]
    [InlineData("privateKey")]
    [InlineData("connection-string")]
    [InlineData("Credentials")]
    [InlineData("Jwt__SigningKey")]
    [InlineData("EncryptionKey")]
    [InlineData("ClientSecret")]
    [InlineData("SharedAccessKey")]
    [InlineData("Storage__AccountKey")]
    [InlineData("Password2")]
    [InlineData("Tok_En")]
    public void A_name_holding_a_secret_word_is_secret(string name) =>
        Assert.True(SecretDetection.NameLooksSecret(name, Plausible));

    [Theory]
    [InlineData("pass word")]
    [InlineData("pass-word")]
    [InlineData("pass.word")]
    [InlineData("pass/word")] // just below '0'
    [InlineData("pass:word")] // just above '9'
    [InlineData("pass@word")] // just below 'A'
    [InlineData("pass[word")] // just above 'Z'
    [InlineData("pass`word")] // just below 'a'
    [InlineData("pass{word")] // just above 'z'
    [InlineData("PASS_WORD")]
    public void Any_character_that_is_no_ASCII_letter_or_digit_is_dropped_from_the_name(string name) =>
        Assert.True(SecretDetection.NameLooksSecret(name, Plausible));

    [Theory]
    [InlineData("Username")]
    [InlineData("Logging__LogLevel__Default")]
    [InlineData("ApiUrl")]
    [InlineData("PublicKey")]
    [InlineData("Pass")]
    [InlineData("Secre")]
    [InlineData("Pass0word")] // digits are kept, at both ends of their range
    [InlineData("Pass9word")]
    [InlineData("passaword")] // so are letters, at both ends of theirs
    [InlineData("passzword")]
    [InlineData("PASSAWORD")]
    [InlineData("PASSZWORD")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_without_a_secret_word_is_not_secret(string? name) =>
        Assert.False(SecretDetection.NameLooksSecret(name, Plausible));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("true")]
    [InlineData("FALSE")]
    [InlineData("12")]
    [InlineData(" 42 ")]
    [InlineData("-3.5")]
    [InlineData("1e6")]
    [InlineData("00:30:00")]
    [InlineData("1.02:03:04")]
    [InlineData("/run/secrets/db")]
    [InlineData(" /run/secrets/db")]
    [InlineData("https://vault.example.com/")]
    [InlineData("https://user@vault.example.com/")]
    public void A_value_that_cannot_be_a_credential_clears_even_a_secret_name(string? value) =>
        Assert.False(SecretDetection.NameLooksSecret("DB_PASSWORD", value));

    [Theory]
    [InlineData("x")]
    [InlineData("hunter2!")]
    [InlineData("relative/path")]
    [InlineData("://abc")] // no scheme before the separator: not a URL
    [InlineData("https://orders:s3cr3t@db.example.com/")]
    [InlineData("true-ish")]
    public void A_value_that_could_be_a_credential_leaves_a_secret_name_secret(string value) =>
        Assert.True(SecretDetection.NameLooksSecret("DB_PASSWORD", value));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("pwd=abc", false)] // seven characters: too short to judge
    [InlineData("pwd=abcd", true)] // eight
    [InlineData("pwd=abcde", true)]
    public void A_value_shorter_than_eight_characters_is_never_a_credential(string? value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("password=hunter22")]
    [InlineData("PASSWORD=hunter22")]
    [InlineData("Pwd=abcd")]
    [InlineData("AccountKey=abc123")]
    [InlineData("SharedAccessKey=abc")]
    [InlineData("SharedAccessSignature=sv=2020")]
    [InlineData("Secret=abcd")]
    [InlineData("ApiKey=abcd")]
    [InlineData("Token=abcd")]
    [InlineData("Server=db;Password=x")]
    [InlineData("Server=db; Password=x")]
    [InlineData("user=orders&password=x")]
    [InlineData("https://h.example/?password=x")]
    [InlineData("Server=db\tPassword=x")]
    [InlineData("password=;password=hunter22")] // an empty one first, a real one after
    [InlineData("mypassword=x;password=hunter22")]
    public void A_credential_assigned_in_key_value_text_is_a_credential(string value) =>
        Assert.True(SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("mypassword=hunter22")] // part of a longer key
    [InlineData("Server=db,Password=x")] // a comma does not start a pair
    [InlineData("Server=db;Password=")] // nothing after it
    [InlineData("password=;Server=db")]
    [InlineData("password=&user=orders")]
    [InlineData("password= hunter22")]
    [InlineData("PasswordHash=abcdef")]
    [InlineData("Server=db;Database=orders")]
    public void An_assignment_with_nothing_after_it_or_inside_a_longer_key_is_no_credential(string value) =>
        Assert.False(SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("amqp://orders:s3cr3t@rabbitmq", true)] // no path after the authority
    [InlineData("amqp://orders:s3cr3t@rabbitmq:5672/", true)]
    [InlineData("https://orders:s3cr3t@db.example.com?x=1", true)]
    [InlineData("https://o:s@db.example.com#top", true)]
    [InlineData("redis://:s3cr3t@cache:6379", true)] // a password without a user name
    [InlineData("https://user@db.example.com", false)] // a user, no password
    [InlineData("https://user:@db.example.com", false)] // an empty password
    [InlineData("https://@db.example.com:443", false)]
    [InlineData("https://db.example.com/p?u=a:bb@c", false)] // the '@' is in the query, not the authority
    [InlineData("https://db.example.com/a:bb@c", false)]
    [InlineData("https://db.example.com#a:bb@c", false)]
    [InlineData("https://db.example.com:8080", false)]
    [InlineData("://user:pass@host", false)] // no scheme
    public void A_URL_is_a_credential_only_with_a_password_in_its_user_info(string value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", true)]
    [InlineData("key: -----BEGIN OPENSSH PRIVATE KEY-----", true)]
    [InlineData("-----BEGINNING-----", false)]
    [InlineData("-----begin rsa private key-----", false)]
    public void A_PEM_block_is_a_credential(string value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("ghp_")]
    [InlineData("gho_")]
    [InlineData("ghu_")]
    [InlineData("ghs_")]
    [InlineData("github_pat_")]
    [InlineData("glpat-")]
    [InlineData("xoxb-")]
    [InlineData("xoxp-")]
    [InlineData("sk_live_")]
    [InlineData("rk_live_")]
    [InlineData("sk-")]
    [InlineData("AKIA")]
    [InlineData("ASIA")]
    [InlineData("AIza")]
    public void A_known_token_prefix_followed_by_sixteen_token_characters_is_a_credential(string prefix)
    {
        Assert.True(SecretDetection.ValueLooksSecret(prefix + "Ab3De6Gh9Jk2Mn5P"));
        Assert.True(SecretDetection.ValueLooksSecret(prefix + "Ab3De6Gh9Jk2Mn5Pq"));
        Assert.False(SecretDetection.ValueLooksSecret(prefix + "Ab3De6Gh9Jk2Mn5"));
        Assert.False(SecretDetection.ValueLooksSecret(prefix + "Ab3De6Gh9Jk2Mn5."));
    }

    [Theory]
    [InlineData("GHP_Ab3De6Gh9Jk2Mn5P")] // prefixes are case-sensitive
    [InlineData("akia2B3D4F5G6H7J8K9L")]
    [InlineData("xghp_Ab3De6Gh9Jk2Mn5P")] // and only a prefix
    [InlineData("ghp_abcd")]
    public void A_token_prefix_in_the_wrong_case_or_place_is_no_credential(string value) =>
        Assert.False(SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData('a', true)]
    [InlineData('z', true)]
    [InlineData('A', true)]
    [InlineData('Z', true)]
    [InlineData('0', true)]
    [InlineData('9', true)]
    [InlineData('_', true)]
    [InlineData('-', true)]
    [InlineData('+', true)]
    [InlineData('/', true)]
    [InlineData('=', true)]
    [InlineData('`', false)]
    [InlineData('{', false)]
    [InlineData('@', false)]
    [InlineData('[', false)]
    [InlineData(':', false)]
    [InlineData('.', false)]
    [InlineData('!', false)]
    [InlineData(' ', false)]
    [InlineData('~', false)]
    public void Only_letters_digits_and_base64_punctuation_make_a_token(char c, bool expected)
    {
        Assert.Equal(expected, SecretDetection.ValueLooksSecret("ghp_" + new string('x', 15) + c));
        Assert.Equal(expected, SecretDetection.ValueLooksSecret("ghp_" + c + new string('x', 15)));
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", true)]
    [InlineData("eyJhbGciO.eyJzdWIiO.abcdefghij", true)] // thirty characters, nine in each of the first two parts
    [InlineData("eyJhbGciO.eyJzdWIiO.abcdefghi", false)] // twenty-nine
    [InlineData("eyJhbGciOi.eyJzdWIiOi.sig", false)]
    [InlineData("eyJhbGci.eyJzdWIiOiJ.abcdefghijkl", false)] // eight characters in the header
    [InlineData("eyJhbGciOiJ.eyJzdWIi.abcdefghijkl", false)] // eight in the payload
    [InlineData("eyJhbGciOiJ.eyJzdWIiOiJ.abcdefghijkl.mno", false)] // four parts
    [InlineData("eyJhbGciOiJ.eyJzdWIiOiJabcdefghijkl", false)] // two parts
    [InlineData("eyJhbGc!OiJ.eyJzdWIiOiJ.abcdefghijkl", false)]
    [InlineData("eyJhbGciOiJ.eyJzdW!iOiJ.abcdefghijkl", false)]
    [InlineData("abcdefghijk.lmnopqrstuv.wxyz012345", false)] // shaped like one without the JSON header
    [InlineData("EYJhbGciOiJ.eyJzdWIiOiJ.abcdefghijkl", false)]
    public void A_JSON_web_token_is_a_credential(string value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("5d41402abc4b2a76b9719d911017c59", false)] // 31 hex digits
    [InlineData("5d41402abc4b2a76b9719d911017c592", false)] // 32 read as a GUID
    [InlineData("5d41402abc4b2a76b9719d911017c592a", true)] // 33
    [InlineData("5D41402ABC4B2A76B9719D911017C592AF", true)]
    [InlineData("A94A8FE5CCB19BA61C4C0873D391E987982FBBD3", true)]
    [InlineData("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", true)]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    [InlineData("3F2504E0-4F89-11D3-9A0C-0305E82C3301", false)]
    [InlineData("0123456789012345678901234567890123456789", false)] // digits alone
    [InlineData("abcdefabcdefabcdefabcdefabcdefabcdefabcd", false)] // hex letters alone
    [InlineData("ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD", false)]
    public void Long_hex_is_a_credential_when_it_mixes_digits_and_letters(string value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0GuKq", true)]
    [InlineData("bcdefghijklmnopqrstuvwxy12345678A", true)] // the only capital is 'A'
    [InlineData("bcdefghijklmnopqrstuvwxy12345678Z", true)] // or 'Z'
    [InlineData("BCDEFGHIJKLMNOPQRSTUVWXY12345678a", true)] // the only small letter is 'a'
    [InlineData("BCDEFGHIJKLMNOPQRSTUVWXY12345678z", true)] // or 'z'
    [InlineData("bcdefghijklmnopqrstuvwxyBCDEFGH0", true)] // the only digit is '0'
    [InlineData("bcdefghijklmnopqrstuvwxyBCDEFGH9", true)] // or '9'
    [InlineData("bcdefghijklmnopqrstuvwxy12345678", false)] // no capital
    [InlineData("BCDEFGHIJKLMNOPQRSTUVWXY12345678", false)] // no small letter
    [InlineData("bcdefghijklmnopqBCDEFGHIJKLMNOPQ", false)] // no digit
    [InlineData("bcdefghijklmnopqBCDEFGHIJKLMNO+-", false)]
    [InlineData("gG1hH2iI3jJ4kK5mgG1hH2iI3jJ4kK5m", true)] // exactly 4 bits per character
    [InlineData("gG1hH2iI3jJ4kK5gG1hH2iI3jJ4kK5gg", false)] // 3.875
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu.q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu!q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu`q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu{q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu@q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu[q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu:q", false)]
    [InlineData("Kq7+Vb2/Xm9_Tz4-Hc8=Jr1aNe6Wf3Ls5Pd0Gu q", false)]
    [InlineData("ConnectionStringsOrdersPrimaryKey2", false)] // an identifier: just under 4 bits per character
    public void Long_base64_is_a_credential_when_it_mixes_cases_and_digits_with_high_entropy(string value, bool expected) =>
        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));

    [Theory]
    [InlineData(31, false)]
    [InlineData(32, true)]
    [InlineData(33, true)]
    [InlineData(4096, true)]
    [InlineData(4097, false)]
    public void Random_text_counts_from_32_to_4096_characters(int length, bool expected)
    {
        var value = string.Concat(Enumerable.Repeat(Alphabet, length / Alphabet.Length + 1)).Substring(0, length);

        Assert.Equal(expected, SecretDetection.ValueLooksSecret(value));
    }

    [Fact]
    public void Separators_and_case_never_change_what_a_name_says()
    {
        var words = Gen.OneOf(
            Gen.Const("pass"), Gen.Const("word"), Gen.Const("pwd"), Gen.Const("tok"), Gen.Const("en"), Gen.Const("api"),
            Gen.Const("key"), Gen.Const("secret"), Gen.Const("orders"), Gen.Const("db"), Gen.Const("9"), Gen.Const("z"));
        int secret = 0, plain = 0;

        Gen.Select(words.Array[1, 5], Gen.Int, (parts, seed) => (Name: string.Concat(parts), Seed: seed)).Sample(sample =>
        {
            var random = new Random(sample.Seed);
            var decorated = new System.Text.StringBuilder();
            foreach (var c in sample.Name)
            {
                if (random.Next(3) == 0)
                {
                    decorated.Append(" _-.:/@[`{"[random.Next(10)]);
                }

                decorated.Append(random.Next(2) == 0 ? char.ToUpperInvariant(c) : c);
            }

            var expected = SecretDetection.NameLooksSecret(sample.Name, Plausible);
            Interlocked.Increment(ref expected ? ref secret : ref plain);
            return SecretDetection.NameLooksSecret(decorated.ToString(), Plausible) == expected;
        }, iter: 5_000, print: sample => $"\"{sample.Name}\" with seed {sample.Seed}");

        Assert.True(secret >= 500 && plain >= 500, $"{secret} secret, {plain} plain");
    }

    [Fact]
    public void A_password_assigned_after_a_semicolon_is_a_credential_whatever_surrounds_it() =>
        Gen.Select(Gen.String[Gen.Char[" ;&=?abcAB01:/@.\t\u00E9"], 0, 40], Gen.String[Gen.Char[" ;&=?abAB01"], 0, 20])
            .Sample((before, after) => SecretDetection.ValueLooksSecret(before + ";Password=x" + after), iter: 5_000);
}
