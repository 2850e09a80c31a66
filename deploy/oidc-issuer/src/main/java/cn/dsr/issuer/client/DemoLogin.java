package cn.dsr.issuer.client;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Obtains demo access tokens from the local issuer the way a browser would: authorization code + PKCE
 * through the real login form, as client {@code dsr-cli}. JDK-only so tests and scripts can run it
 * from the plain jar: {@code java -cp oidc-issuer.jar cn.dsr.issuer.client.DemoLogin xh.operator [password]}.
 *
 * <p>{@code issuer} is the base URL the issuer is reachable at; endpoints are Spring Authorization
 * Server's default paths below it.
 */
public final class DemoLogin {

    public static final String CLIENT_ID = "dsr-cli";
    public static final String CLIENT_SECRET = "dsr-cli-secret";
    public static final String REDIRECT_URI = "http://127.0.0.1/cli-callback";
    public static final String DEFAULT_ISSUER = "http://localhost:9000";
    public static final String DEFAULT_PASSWORD = "demo";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE_ATTR = Pattern.compile("value=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoLogin() {
    }

    /** Thrown when the issuer rejects the login or the flow does not end in an authorization code. */
    public static final class LoginFailedException extends RuntimeException {
        LoginFailedException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DemoLogin <username> [password]   (issuer from DSR_ISSUER_URI, default " + DEFAULT_ISSUER + ")");
            System.exit(2);
        }
        URI issuer = URI.create(System.getenv().getOrDefault("DSR_ISSUER_URI", DEFAULT_ISSUER));
        try {
            System.out.println(accessToken(issuer, args[0], args.length > 1 ? args[1] : DEFAULT_PASSWORD));
        } catch (RuntimeException e) {
            System.err.println("DemoLogin: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Access token (JWT) for a demo user, via the authorization-code + PKCE flow of {@code dsr-cli}. */
    public static String accessToken(URI issuer, String username, String password) {
        // Cookies carry the saved authorization request across the login; redirects are followed by hand
        // because the last one points at the callback, which is never served.
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
        String verifier = randomToken();
        String state = randomToken();
        Map<String, String> authorizeParams = new LinkedHashMap<>();
        authorizeParams.put("response_type", "code");
        authorizeParams.put("client_id", CLIENT_ID);
        authorizeParams.put("redirect_uri", REDIRECT_URI);
        authorizeParams.put("scope", "openid profile");
        authorizeParams.put("state", state);
        authorizeParams.put("code_challenge", s256(verifier));
        authorizeParams.put("code_challenge_method", "S256");
        URI authorize = URI.create(issuer.resolve("/oauth2/authorize") + "?" + form(authorizeParams));

        HttpResponse<String> response = send(http, browserGet(authorize));
        URI loginPage = redirectTarget(authorize, response, "authorization request");
        HttpResponse<String> page = send(http, browserGet(loginPage));
        if (page.statusCode() != 200) {
            throw new LoginFailedException("login page " + loginPage + " answered HTTP " + page.statusCode());
        }

        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", username);
        credentials.put("password", password);
        credentials.put("_csrf", csrfToken(page.body(), loginPage));
        response = send(http, HttpRequest.newBuilder(loginPage).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(credentials)))
                .build());
        URI next = redirectTarget(loginPage, response, "login");
        // Spring Security sends failed logins back to the form (/login?error).
        if (next.getPath().equals(loginPage.getPath())) {
            throw new LoginFailedException("login rejected for user '" + username + "' at " + issuer + ": wrong username or password");
        }

        for (int i = 0; !next.toString().startsWith(REDIRECT_URI); i++) {
            if (i == MAX_REDIRECTS) {
                throw new LoginFailedException("too many redirects after login, last to " + next);
            }
            URI current = next;
            next = redirectTarget(current, send(http, browserGet(current)), "redirect after login");
        }
        Map<String, String> callback = parseQuery(next.getRawQuery());
        if (callback.containsKey("error")) {
            throw new LoginFailedException("authorization failed: " + callback.get("error") + " " + callback.getOrDefault("error_description", ""));
        }
        if (!state.equals(callback.get("state")) || callback.get("code") == null) {
            throw new LoginFailedException("callback without matching state and code: " + next);
        }

        Map<String, String> tokenParams = new LinkedHashMap<>();
        tokenParams.put("grant_type", "authorization_code");
        tokenParams.put("code", callback.get("code"));
        tokenParams.put("redirect_uri", REDIRECT_URI);
        tokenParams.put("code_verifier", verifier);
        return requestToken(http, issuer, CLIENT_ID, CLIENT_SECRET, tokenParams);
    }

    /** Access token for a confidential client via the client_credentials grant. */
    public static String clientCredentials(URI issuer, String clientId, String secret) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        return requestToken(http, issuer, clientId, secret, Map.of("grant_type", "client_credentials"));
    }

    private static String requestToken(HttpClient http, URI issuer, String clientId, String secret, Map<String, String> params) {
        // client_secret_basic: RFC 6749 §2.3.1 form-encodes id and secret before Base64.
        String basic = Base64.getEncoder().encodeToString(
                (encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(issuer.resolve("/oauth2/token")).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build());
        String token = response.statusCode() == 200 ? jsonString(response.body(), "access_token") : null;
        if (token == null) {
            throw new LoginFailedException("token request for client '" + clientId + "' failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return token;
    }

    /** Accept text/html makes the issuer treat us as a browser: redirect to the login form, not 401. */
    private static HttpRequest browserGet(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/html").GET().build();
    }

    private static URI redirectTarget(URI from, HttpResponse<String> response, String step) {
        if (response.statusCode() / 100 != 3) {
            throw new LoginFailedException(step + " at " + from + " answered HTTP " + response.statusCode()
                    + " instead of a redirect (unknown client, redirect URI or consent required?)");
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new LoginFailedException(step + " at " + from + " redirected without a Location"));
        return from.resolve(location);
    }

    private static String csrfToken(String html, URI loginPage) {
        Matcher input = CSRF_INPUT.matcher(html);
        Matcher value = input.find() ? VALUE_ATTR.matcher(input.group()) : null;
        if (value == null || !value.find()) {
            throw new LoginFailedException("no _csrf field in the login form at " + loginPage);
        }
        return value.group(1);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailedException("cannot reach the issuer at " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException("interrupted while calling " + request.uri());
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** Reads a top-level string member; enough for token responses, whose values never need escaping. */
    private static String jsonString(String json, String member) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(member) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
