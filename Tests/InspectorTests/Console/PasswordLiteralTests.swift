import Testing
@testable import Inspector

@Suite struct PasswordLiteralTests {
    @Test func flagsStatementsThatSpellOutAPassword() {
        let secret = [
            "CREATE ROLE app LOGIN PASSWORD 'hunter2';",
            "alter user app with encrypted password 'md5abc';",
            "ALTER ROLE app PASSWORD $$x$$;",
            "create user u password E'a\\'b';",
            "CREATE USER MAPPING FOR me SERVER s OPTIONS (user 'me', password 'pw');",
            "SELECT dblink_connect('host=db user=me password=pw');",
            "CREATE SUBSCRIPTION s CONNECTION 'dbname=x password = pw' PUBLICATION p;",
            "\\password app",
            "\\connect host=db password=pw",
            "SELECT * FROM dblink('postgresql://me:pw@db/x', 'select 1') AS t(a int);",
            "UPDATE users SET password = 'plain' WHERE id = 1;",
        ]
        for statement in secret { #expect(PasswordLiteral.appears(in: statement), "\(statement)") }
    }

    @Test func leavesStatementsThatOnlyNameThings() {
        let harmless = [
            "SELECT password_hash FROM users;",
            "SELECT id, password FROM users WHERE id = 1;",
            "CREATE TABLE users (id int, password text);",
            "SELECT 'reset your password' AS message;",
            "ALTER ROLE app PASSWORD NULL;",
            "SELECT 1; -- password 'in a comment'",
            "SELECT \"password\" FROM t;",
            "SELECT 'http://example.com/a@b';",
            "\\x",
        ]
        for statement in harmless { #expect(!PasswordLiteral.appears(in: statement), "\(statement)") }
    }

    @Test func maskedHidesEveryLiteralOfAStatementWithAPasswordOnly() {
        #expect(PasswordLiteral.masked("ALTER ROLE app PASSWORD 'hunter2' VALID UNTIL '2030-01-01';")
            == "ALTER ROLE app PASSWORD '***' VALID UNTIL '***';")
        #expect(PasswordLiteral.masked("SELECT dblink_connect('host=db password=pw');") == "SELECT dblink_connect('***');")
        #expect(!PasswordLiteral.masked("\\password app").contains("app"))
        #expect(PasswordLiteral.masked("SELECT 'reset your password';") == "SELECT 'reset your password';")
    }
}
