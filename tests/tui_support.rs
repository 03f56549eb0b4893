//! Helpers shared by the reader tests (`tui_screens`, `tui_navigation`): a small CJK library
//! written for these tests, and a way to drive the whole reader on `TestBackend`.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ribao::library::{Library, Origin};
use ribao::text::TextOptions;
use ribao::tui::{App, Event, Host, Opened, Scripted, Session, run_app};
use std::path::{Path, PathBuf};

pub const BRIEF_0120: &str = "\
# 🤖 AI行业速递 - 2026年01月20日

## 长江实验室发布千亿参数推理模型「澄明」，数学与代码评测大幅领先

> **分类：** 技术前沿解读
> **来源：** [示例新闻](https://example.com/news/chengming)

**核心洞察：** 推理模型的竞争焦点正在从参数规模转向测试时计算的分配效率，谁能用更少的步骤得到正确答案，谁就能在价格上占优。

**内容简介：**

- 评测：在竞赛数学题集上的准确率比上一代提高了十八个百分点，代码修复任务的通过率也明显上升。
- 成本：官方表示每千次调用的价格下降三成，并将开放批量接口给企业客户使用。
- 开放：模型权重暂不公开，但提供了详细的技术报告与评测脚本，方便第三方复现结果。

研究团队在报告中解释说，新模型会先生成多个候选思路，再用一个较小的验证模型挑选最可信的一条，这种“先发散、后收敛”的做法让长链推理更加稳定。报告还附上了失败案例，指出模型在需要常识的空间推理题上仍然容易出错。

### 业内怎么看

多位工程师在社区讨论中认为，这类“验证器”思路并不新鲜，真正的难点在于如何控制候选数量：候选越多，准确率越高，延迟和费用也随之上升。也有人指出，评测集与训练数据之间可能存在重叠，需要等待独立机构的复现结果。

### 时间表

1. 一月底开放企业内测申请。
2. 二月中旬上线公开接口，提供 [价格说明](https://example.com/news/chengming/pricing)。
3. 三月发布面向端侧的小尺寸版本。

> 报告原文：“我们希望把推理过程变得可检查，而不只是更长。”

更多细节见 [技术报告](https://example.com/papers/chengming.pdf) 和 [评测脚本](https://example.org/code/chengming-eval)。

---

## 开源社区推出轻量多模态模型，手机端即可离线运行

> **分类：** 技术前沿解读
> **来源：** [样例开源周刊](https://example.org/weekly/tiny-vl)

**核心洞察：** 端侧模型让隐私敏感的场景第一次有了可用的方案。

**内容简介：**

- 体积：量化后只有一点二吉字节，中端手机也能流畅运行。
- 能力：支持看图问答、文档识别和简单的表格理解。

---

## 云计算厂商下调 GPU 租用价格，中小团队训练成本降低

> **分类：** 市场动态
> **来源：** [示例财经](https://example.net/finance/gpu-price)

**核心洞察：** 价格战意味着算力正在从稀缺品变成普通商品。

**内容简介：**

- 降幅：主流加速卡的小时租金平均下降百分之二十五。

---

## 其他相关资讯

- [高校联合发布中文法律问答数据集，覆盖十万条真实咨询](https://example.com/data/law-qa)
- [某创业公司完成语音合成技术升级，支持二十种方言](https://example.com/voice/dialects)
";

pub const DAILY_0120: &str = "\
---
title: AI 日报：模型变小，场景变多
date: 2026-01-20
tags: [\"AI\", \"AI 日报\"]
summary: \"- 小模型进入更多办公场景\\n- 推理芯片出货量创新高\"
---
# AI 日报：模型变小，场景变多

## 小模型进入更多办公场景

越来越多的企业把小模型部署在内网里，用来整理会议纪要、起草邮件和检查合同条款。负责人表示，小模型的响应速度更快，数据也不会离开公司。

**深度解读：** 小模型的价值不在于替代大模型，而在于把一部分确定性高的工作从云端搬回本地。

## 更多动态

- **推理芯片出货量创新高**，数据中心需求仍在增长。
- **开源编辑器接入本地模型**，补全延迟降到百毫秒以内。
";

pub const BRIEF_0119: &str = "\
# 🤖 AI行业速递 - 2026年01月19日

## 机器人公司展示家庭整理助手，能够叠衣服和收拾餐桌

> **分类：** 产品与应用
> **来源：** [示例科技](https://example.com/robot/home)

**核心洞察：** 家用机器人离真正落地还差可靠性这一步。

**内容简介：**

- 演示：机器人在十分钟内完成了叠衣服、摆放餐具等五项任务。

---

## 其他相关资讯

- [教育平台上线 AI 助教，为乡村学校提供作文批改](https://example.com/edu/essay)
";

pub const NOTES: &str = "\
## 读书笔记：检索增强生成的常见误区

### 1. 切块越小越好？

切块太小会丢失上下文，检索到的片段读起来像断句。[原文](https://example.com/notes/chunk)

### 2. 向量检索可以替代关键词检索？

两者互补：专有名词和编号更适合关键词检索。
";

pub const BRIEF_0105: &str = "\
# 🤖 AI行业速递 - 2026年01月05日

## 开源社区发布中文推理评测集，覆盖数学、代码与常识

> **分类：** 开源生态
> **来源：** [样例开源周刊](https://example.org/weekly/zh-eval)

**核心洞察：** 公开透明的评测集让推理模型之间的比较第一次有了共同的尺子。

**内容简介：**

- 规模：共收录一万两千道题目，全部附带人工核对的标准答案。

---

## 其他相关资讯

- [某云厂商发布年度模型价格表](https://example.com/cloud/prices)
";

pub const DAILY_1130: &str = "\
---
title: AI 日报：年末盘点
date: 2025-11-30
---
# AI 日报：年末盘点

## 芯片出口新规生效

监管部门公布新的芯片出口规则，推理加速卡被纳入许可管理。
";

fn parse(text: &str, name: &str) -> ribao::model::Digest {
    ribao::parse::parse(text.as_bytes(), Path::new(name)).expect("test digest parses")
}

fn digests() -> Vec<ribao::model::Digest> {
    vec![
        parse(BRIEF_0120, "store/brief/2026-01-20.md"),
        parse(DAILY_0120, "store/daily/2026-01-20.md"),
        parse(BRIEF_0119, "store/brief/2026-01-19.md"),
        parse(NOTES, "store/notes/rag.md"),
    ]
}

/// A library of digests parsed in the test, with the built-in categories table.
pub fn library_of(origin: Origin, digests: Vec<ribao::model::Digest>) -> Library {
    Library::from_digests(
        origin,
        digests,
        Vec::new(),
        &ribao::categories::Categorizer::builtin(),
    )
}

/// The test library: two digests on 2026-01-20, one on 2026-01-19, one undated.
pub fn library() -> Library {
    library_of(
        Origin::Store(PathBuf::from("/home/reader/digests")),
        digests(),
    )
}

/// The test library plus a digest 15 days before the newest (inside "last 30 days", outside
/// "last 7 days") and one 51 days before (outside both).
pub fn scope_library() -> Library {
    library_of(
        Origin::Store(PathBuf::from("/home/reader/digests")),
        scope_digests(),
    )
}

/// The digests of [`scope_library`].
pub fn scope_digests() -> Vec<ribao::model::Digest> {
    let mut digests = digests();
    digests.push(parse(BRIEF_0105, "store/brief/2026-01-05.md"));
    digests.push(parse(DAILY_1130, "store/daily/2025-11-30.md"));
    digests
}

pub fn app() -> App {
    app_with(library(), TextOptions::default())
}

/// The reader on [`scope_library`].
pub fn scope_app() -> App {
    app_with(scope_library(), TextOptions::default())
}

pub fn app_with(library: Library, opts: TextOptions) -> App {
    App::new(
        library,
        opts,
        Session::in_memory(ribao::state::State::default()),
    )
}

/// The reader on the test library, saving to the state file `path`.
pub fn app_saving_to(path: &Path) -> App {
    app_of_saving_to(library(), path)
}

/// The reader on `library`, saving to the state file `path`.
pub fn app_of_saving_to(library: Library, path: &Path) -> App {
    let (file, loaded) = ribao::state::StateFile::open(path).unwrap();
    App::new(
        library,
        TextOptions::default(),
        Session::open(file, loaded, Vec::new()),
    )
}

/// Records what the reader asked of the outside world.
#[derive(Default)]
pub struct RecordingHost {
    pub opened: Vec<String>,
    pub copied: Vec<String>,
    pub suspended: usize,
    pub fail: bool,
}

impl Host for RecordingHost {
    fn open_url(&mut self, url: &str) -> Result<Opened, String> {
        if self.fail {
            return Err("xdg-open is not installed".into());
        }
        self.opened.push(url.to_string());
        Ok(Opened::Beside)
    }
    fn copy_url(&mut self, url: &str) -> Result<(), String> {
        self.copied.push(url.to_string());
        Ok(())
    }
    fn suspend(&mut self) -> Result<(), String> {
        self.suspended += 1;
        Ok(())
    }
}

/// The reader on a `TestBackend` of a given size.
pub struct Harness {
    pub terminal: Terminal<TestBackend>,
    pub app: App,
    pub host: RecordingHost,
}

impl Harness {
    pub fn new(app: App, width: u16, height: u16) -> Harness {
        let mut h = Harness {
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            app,
            host: RecordingHost::default(),
        };
        h.run([]);
        h
    }

    /// Feeds events (each one drawn before the next) through the real loop.
    pub fn run(&mut self, events: impl IntoIterator<Item = Event>) {
        let mut script = OneByOne(Scripted::new(events));
        run_app(
            &mut self.terminal,
            &mut self.app,
            &mut script,
            &mut self.host,
        )
        .unwrap();
    }

    /// Waits until background work (a search) has answered, then draws: deterministic, and
    /// no longer than the work takes.
    pub fn settle(&mut self) {
        assert!(
            self.app.wait_background(std::time::Duration::from_secs(20)),
            "background work did not finish"
        );
        assert!(!self.app.background_pending());
        self.run([]);
    }

    /// Types text into whatever has the keyboard, then waits for a search it starts.
    pub fn search_for(&mut self, text: &str) {
        self.keys(text);
        self.settle();
    }

    /// Presses keys written like `"jj<Enter><Esc>"`.
    pub fn keys(&mut self, keys: &str) {
        self.run(parse_keys(keys).into_iter().map(Event::Key));
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.run([Event::Resize(width, height)]);
    }

    /// The screen as a terminal shows it. `TestBackend` only stores the cells the diff sends,
    /// and the diff relies on the terminal blanking the second cell of a wide character that
    /// is overwritten; `TestBackend` does not, so its buffer can keep stale halves. A fresh
    /// terminal of the same size, drawn once from the same app, has none.
    pub fn buffer(&mut self) -> Buffer {
        let area = self.terminal.backend().buffer().area;
        let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        fresh
            .draw(|frame| ribao::tui::ui::draw(frame, &mut self.app))
            .unwrap();
        fresh.backend().buffer().clone()
    }

    /// The screen's rows as a terminal shows them: each wide character once.
    pub fn rows(&mut self) -> Vec<String> {
        let buf = self.buffer();
        (0..buf.area.height)
            .map(|y| {
                let mut row = String::new();
                let mut skip = 0;
                for x in 0..buf.area.width {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let cell = &buf[(x, y)];
                    skip = match cell.diff_option {
                        ratatui::buffer::CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
                        _ => unicode_width::UnicodeWidthStr::width(cell.symbol()),
                    }
                    .saturating_sub(1);
                    row.push_str(cell.symbol());
                }
                row
            })
            .collect()
    }

    pub fn text(&mut self) -> String {
        self.rows().join("\n")
    }

    /// The screen as [`Harness::text`], with search marks made visible: text marked as a match
    /// (yellow background) is put in `⟦…⟧`, the current match in `⟪…⟫`.
    pub fn marked_text(&mut self) -> String {
        use ratatui::style::Color;
        let buf = self.buffer();
        let mut out = Vec::new();
        for y in 0..buf.area.height {
            let mut row = String::new();
            let mut open: Option<Color> = None;
            let mut x = 0;
            while x < buf.area.width {
                let cell = &buf[(x, y)];
                let mark = [Color::Yellow, Color::LightRed]
                    .into_iter()
                    .find(|&c| cell.bg == c);
                if mark != open {
                    match open {
                        Some(Color::Yellow) => row.push('⟧'),
                        Some(_) => row.push('⟫'),
                        None => {}
                    }
                    match mark {
                        Some(Color::Yellow) => row.push('⟦'),
                        Some(_) => row.push('⟪'),
                        None => {}
                    }
                    open = mark;
                }
                row.push_str(cell.symbol());
                x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            }
            match open {
                Some(Color::Yellow) => row.push('⟧'),
                Some(_) => row.push('⟫'),
                None => {}
            }
            out.push(row);
        }
        out.join("\n")
    }
}

/// Hands out scripted events one at a time, so every event gets its own frame.
struct OneByOne(Scripted);

impl ribao::tui::EventSource for OneByOne {
    fn next(&mut self) -> Option<Event> {
        self.0.next()
    }
    fn try_next(&mut self) -> Option<Event> {
        None
    }
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// `"jk<Enter><Esc><Down><S-Down><Tab><S-Tab><C-d><A-j><A-BS><C-Left><F5><PgDn><Home><End>"`
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            out.push(match name {
                "Enter" => key(KeyCode::Enter),
                "Esc" => key(KeyCode::Esc),
                "Tab" => key(KeyCode::Tab),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "Up" => key(KeyCode::Up),
                "Down" => key(KeyCode::Down),
                "Left" => key(KeyCode::Left),
                "Right" => key(KeyCode::Right),
                "PgDn" => key(KeyCode::PageDown),
                "PgUp" => key(KeyCode::PageUp),
                "Home" => key(KeyCode::Home),
                "End" => key(KeyCode::End),
                "BS" => key(KeyCode::Backspace),
                "Del" => key(KeyCode::Delete),
                "Space" => key(KeyCode::Char(' ')),
                "S-Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT),
                "A-BS" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT),
                "C-Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL),
                "C-Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL),
                n if n.starts_with('F') && n[1..].parse::<u8>().is_ok() => {
                    key(KeyCode::F(n[1..].parse().unwrap()))
                }
                n if n.starts_with("C-") => ctrl(n.chars().nth(2).unwrap()),
                n if n.starts_with("A-") => {
                    KeyEvent::new(KeyCode::Char(n.chars().nth(2).unwrap()), KeyModifiers::ALT)
                }
                other => panic!("unknown key <{other}>"),
            });
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        out.push(KeyEvent::new(KeyCode::Char(c), mods));
    }
    out
}
