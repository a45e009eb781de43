#include <catch2/catch.hpp>

#include <fstream>

#include "io/csv_table.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("CSV tables keep source comments and line numbers", "[csv]") {
    const auto path = test::write_temp("good.csv", "# source: somewhere\nage,sex,population\n0,F,10\n\n1,F, 12 \n");
    Diagnostics d;
    const auto table = CsvTable::read(path, "good.csv", d);
    REQUIRE(d.empty());
    CHECK(table.comments().size() == 1);
    CHECK(table.header_line() == 2);
    REQUIRE(table.rows().size() == 2);
    CHECK(table.rows()[1].line == 5);
    CHECK(table.rows()[1].fields[2] == "12");
}

TEST_CASE("CSV problems point at file and line and column", "[csv]") {
    const auto path = test::write_temp("bad.csv", "age,sex,population\n0,F,10\n1,F\n2,F,ten\n");
    Diagnostics d;
    const auto table = CsvTable::read(path, "bad.csv", d);
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]) == "bad.csv:3:1: error: row has 2 fields but the header has 3");
    CHECK_FALSE(table.integer(table.rows()[1], 2, d));
    CHECK(format_diagnostic(d.items()[1]) == "bad.csv:4:5: error: column 'population': 'ten' is not a whole number");
    CHECK_FALSE(table.require_columns({"age", "count"}, d));
    CHECK(d.items()[2].message.find("missing column 'count'") != std::string::npos);
}

TEST_CASE("a missing CSV file is reported and not thrown", "[csv]") {
    Diagnostics d;
    const auto table = CsvTable::read("/nonexistent/file.csv", "file.csv", d);
    CHECK_FALSE(table.ok());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.find("cannot open file") != std::string::npos);
}

TEST_CASE("a UTF-8 byte-order mark before the header is not part of it", "[csv]") {
    const auto path = test::write_temp("bom.csv",
                                       "\xEF\xBB\xBF"
                                       "age,sex,population\n0,F,10\n");
    Diagnostics d;
    const auto table = CsvTable::read(path, "bom.csv", d);
    REQUIRE(d.empty());
    CHECK(table.header().front() == "age");
    CHECK(table.require_columns({"age", "sex", "population"}, d));
}

TEST_CASE("a header that does not match is shown as cut column names, never a whole line", "[csv]") {
    const auto path =
        test::write_temp("secret.csv", "root:$6$averyveryverylongsecrethashvalue:19000:0:99999:7:::,b\x01,c\n1,2,3\n");
    Diagnostics d;
    const auto table = CsvTable::read(path, "secret.csv", d);
    CHECK_FALSE(table.require_columns({"age"}, d));
    const auto text = d.to_string();
    CHECK_THAT(text, Catch::Contains("missing column 'age'"));
    CHECK_THAT(text, !Catch::Contains("secrethashvalue"));
    CHECK_THAT(text, !Catch::Contains("\x01"));
}

TEST_CASE("a data path that is not a regular file is refused, not read", "[csv]") {
    Diagnostics d;
    const auto table = CsvTable::read("/dev/zero", "/dev/zero", d);
    CHECK_FALSE(table.ok());
    CHECK_THAT(d.to_string(), Catch::Contains("not a regular file"));
}
