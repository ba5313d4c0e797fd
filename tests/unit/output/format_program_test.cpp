// -F compilation: tokens, and one-line errors that name the bad specifier and its column.
#include "core/output/format_program.hpp"

#include <gtest/gtest.h>

namespace wsmqtt::output {
namespace {

format_error error_of(std::string_view f) {
    auto r = format_program::compile(f);
    EXPECT_FALSE(r.has_value()) << "compiled: " << f;
    return r ? format_error{} : r.error();
}

TEST(FormatProgram, LiteralsEscapesAndPercentMergeIntoOneToken) {
    auto p = format_program::compile("a%%b@@c\\n\\t\\0\\e\\\\\\a\\v\\r");
    ASSERT_TRUE(p.has_value());
    ASSERT_EQ(p->tokens().size(), 1u);
    EXPECT_EQ(p->tokens()[0].text, std::string("a%b@c\n\t\0\x1b\\\a\v\r", 13));
    EXPECT_FALSE(p->needs_calendar());
}

TEST(FormatProgram, FlagsWidthPrecision) {
    auto p = format_program::compile("%-010.5t");
    ASSERT_TRUE(p.has_value());
    ASSERT_EQ(p->tokens().size(), 1u);
    const auto& t = p->tokens()[0];
    EXPECT_EQ(t.field, format_field::topic);
    EXPECT_TRUE(t.left_align);
    EXPECT_TRUE(t.zero_pad);
    EXPECT_EQ(t.width, 10u);
    EXPECT_EQ(t.precision, 5);
}

TEST(FormatProgram, EveryMosquittoSpecifierCompiles) {
    for (char c : std::string_view("tplmqrxXjJIUACDEFPRS")) {
        const std::string f{'%', c};
        EXPECT_TRUE(format_program::compile(f).has_value()) << f;
    }
    auto p = format_program::compile("@Y@m@d@H@M@S@z@s@N@@");
    ASSERT_TRUE(p.has_value());
    EXPECT_TRUE(p->needs_calendar());
}

TEST(FormatProgram, UnknownSpecifierNamesItAndItsColumn) {
    const auto e = error_of("abc %k");
    EXPECT_EQ(e.column, 5u);
    EXPECT_EQ(e.message, "unknown format specifier '%k' at column 5");
    EXPECT_EQ(error_of("%-10k").message, "unknown format specifier '%-10k' at column 1");
}

TEST(FormatProgram, DanglingPercent) {
    EXPECT_EQ(error_of("ab%").message, "incomplete format specifier '%' at column 3");
    EXPECT_EQ(error_of("%-").message, "incomplete format specifier '%-' at column 1");
    EXPECT_EQ(error_of("x%10.").message, "incomplete format specifier '%10.' at column 2");
}

TEST(FormatProgram, DanglingBackslashAndUnknownEscape) {
    EXPECT_EQ(error_of("ab\\").message, "incomplete escape '\\' at column 3");
    EXPECT_EQ(error_of("\\q").message, "unknown escape '\\q' at column 1");
    // mosquitto rejects \" too.
    EXPECT_EQ(error_of("x\\\"").message, "unknown escape '\\\"' at column 2");
}

TEST(FormatProgram, TimeFieldErrors) {
    EXPECT_EQ(error_of("t=@").message, "incomplete time field '@' at column 3");
    EXPECT_EQ(error_of("@Q").message, "unknown time field '@Q' at column 1");
}

TEST(FormatProgram, ModifiersOnFieldsThatTakeNone) {
    EXPECT_EQ(error_of("%5j").message, "'%5j': '%j' takes no width or precision at column 1");
    EXPECT_EQ(error_of("%5%").message, "'%5%': '%' takes no width or precision at column 1");
    EXPECT_EQ(error_of("%.2x").message, "'%.2x': '%x' takes no precision at column 1");
    EXPECT_EQ(error_of("%.2l").message, "'%.2l': '%l' takes no precision at column 1");
}

TEST(FormatProgram, HugeWidthIsAnError) {
    EXPECT_EQ(error_of("%999999p").message, "field width over 65535 in '%99999' at column 1");
}

TEST(FormatProgram, NonPrintableBytesInMessagesAreEscaped) {
    EXPECT_EQ(error_of("%\x01").message, "unknown format specifier '%\\x01' at column 1");
}

TEST(FormatProgram, ValueThrowsWithTheMessage) {
    auto r = format_program::compile("%k");
    EXPECT_THROW((void)r.value(), std::invalid_argument);
}

}  // namespace
}  // namespace wsmqtt::output
