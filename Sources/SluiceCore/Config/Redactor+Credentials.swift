extension Redactor {
    /// `text` with credential-shaped values replaced by `***`, whatever their origin (a proxy's
    /// error page that repeats the request's headers, a driver's message quoting its URL): the
    /// value of an `Authorization` header, a token after `Basic` or `Bearer`, the password of a URL,
    /// and the value of a `password=` or of a JSON member named like a credential.
    public static func hidingCredentials(in text: String) -> String {
        guard text.contains(where: { $0 == ":" || $0 == "=" || $0 == " " }) else { return text }
        var result = text
        // `Authorization: Basic abc`, `"authorization":"Bearer abc"`, `Authorization=abc`: the whole value.
        result.replace(/(?i)(authorization["']?\s*[:=]\s*["']?)([^"',;\r\n}\]]+)/) { "\($0.1)***" }
        // A token after the scheme, where a header's name was cut off.
        result.replace(/(?i)\b(basic|bearer)(\s+)([A-Za-z0-9\-._~+\/]{8,}=*)/) { match in
            looksLikeToken(match.3) ? "\(match.1)\(match.2)***" : "\(match.0)"
        }
        // `scheme://user:password@host`.
        result.replace(/([A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\/\s:@"']*:)([^@\/\s"']+)@/) { "\($0.1)***@" }
        // `password=secret` (libpq), `"password": "secret"` (JSON).
        result.replace(/(?i)\b(password|passwd|pwd)(\s*=\s*)('[^']*'|[^\s&;,'"]+)/) { "\($0.1)\($0.2)***" }
        result.replace(/(?i)("(?:password|passwd|pwd|secret|accessKeySecret|bearerToken|access_token|token|api_?key)"\s*:\s*")([^"]*)"/) {
            "\($0.1)***\""
        }
        return result
    }

    /// Whether `word` after `Basic` or `Bearer` is a credential rather than an English word: it
    /// holds a digit or `+/=`, or mixes upper and lower case after its first letter.
    private static func looksLikeToken(_ word: Substring) -> Bool {
        word.contains { $0.isNumber || "+/=".contains($0) }
            || (word.dropFirst().contains(where: \.isUppercase) && word.contains(where: \.isLowercase))
    }
}
