#pragma once
// An Excel workbook being written (libxlsxwriter), with the formats every carecast workbook uses:
// bold, a title, a header row, wrapped text and one number format per NumberKind.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <xlsxwriter.h>

#include "report/format.hpp"

namespace carecast::report {

/// A workbook being written; closes (and so writes) it exactly once.
class Workbook {
public:
    explicit Workbook(const std::filesystem::path& path) : path_(path), book_(workbook_new(path.c_str())) {
        if (!book_) throw std::runtime_error("cannot create workbook " + path.string());
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        title_ = workbook_add_format(book_);
        format_set_bold(title_);
        format_set_font_size(title_, 14);
        header_ = workbook_add_format(book_);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_text_wrap(header_);
        wrap_ = workbook_add_format(book_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        number_[NumberKind::count] = number_format("#,##0");
        number_[NumberKind::rate] = number_format("#,##0.0");
        number_[NumberKind::money] = number_format("\xC2\xA3#,##0");
        number_[NumberKind::price] = number_format("\xC2\xA3#,##0.00");
        number_[NumberKind::ratio] = number_format("0.0%");
        number_[NumberKind::days] = number_format("#,##0");
    }
    ~Workbook() {
        if (book_) workbook_close(book_);  // only on an exception: the temp file is then removed
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    void close() {
        const lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR)
            throw std::runtime_error("writing workbook " + path_.string() + ": " + lxw_strerror(error));
    }
    lxw_worksheet* add_sheet(const std::string& name) {
        auto* sheet = workbook_add_worksheet(book_, name.c_str());
        if (!sheet) throw std::runtime_error("cannot add sheet '" + name + "' to " + path_.string());
        return sheet;
    }
    lxw_format* number(NumberKind kind) { return number_.at(kind); }
    lxw_format* bold() { return bold_; }
    lxw_format* title() { return title_; }
    lxw_format* header() { return header_; }
    lxw_format* wrap() { return wrap_; }

private:
    lxw_format* number_format(const char* pattern) {
        auto* f = workbook_add_format(book_);
        format_set_num_format(f, pattern);
        return f;
    }
    std::filesystem::path path_;
    lxw_workbook* book_;
    lxw_format* bold_;
    lxw_format* title_;
    lxw_format* header_;
    lxw_format* wrap_;
    std::map<NumberKind, lxw_format*> number_;
};

/// Writes the header row `columns` (name, width in characters) at `row`, freezes the panes under it
/// (and left of column `frozen_columns`).
void write_header_row(Workbook& book, lxw_worksheet* sheet, lxw_row_t row,
                      const std::vector<std::pair<std::string, double>>& columns, lxw_col_t frozen_columns = 1);

/// `value` as a number in `format`, or a blank cell when it is not finite (undefined).
void write_number_or_blank(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, double value, lxw_format* format);

}  // namespace carecast::report
