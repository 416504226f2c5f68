//! Names that put the family name first: Chinese, Korean and Vietnamese
//! people as English-language news writes them (`Gong Zhichao`, `Moon
//! Jae-in`, `Nguyen Phu Trong`). A common family name of the language
//! (`gazetteers/lexicon/surnames-east-asian.txt`) followed by a given name
//! of the shape that language's romanization gives is a person.
//!
//! The shape is the evidence: several family names are English words or
//! names too (`Long`, `Song`, `Lee`, `Sun`), and `Long Beach`, `Sun Life`
//! or `Lee Smith` must stay what they are.

use crate::text::tokenize::*;

use super::document::{Doc, Run};
use super::Rule;

/// Languages of a family name, as bits of the lexicon's value.
pub(super) const ZH: u8 = 1;
pub(super) const KO: u8 = 2;
pub(super) const VI: u8 = 4;

/// The bit of a language code of `surnames-east-asian.txt`.
pub(super) fn language_bit(code: &str) -> u8 {
    match code {
        "zh" => ZH,
        "ko" => KO,
        "vi" => VI,
        _ => 0,
    }
}

impl Doc<'_> {
    /// A person whose family name is word `p`, with the given name after
    /// it, within `[p, e)`.
    pub(super) fn try_family_first(
        &mut self,
        p: usize,
        e: usize,
    ) -> Option<(Run, Rule)> {
        if !self.rules.on(Rule::FamilyFirst)
            || p + 1 >= e
            || self.has(p, Shape::UPPER | Shape::INITIAL | Shape::SHOUT)
            || self.toks[p].gaz != NO_GAZ
            || !self.joins_previous(p + 1)
        {
            return None;
        }
        let given = p + 1;
        if !self.plain_name_word(given) {
            return None;
        }
        let surnames = &self.rules.surnames_first;
        let langs = self.folded_get(surnames, p)?;
        let word = self.word(given);
        if langs & (ZH | KO) != 0 && is_romanized_given_name(word, langs) {
            return Some((Run { from: p, to: given }, Rule::FamilyFirst));
        }
        // Vietnamese: a middle and a given name, each one short syllable
        // (`Nguyen Phu Trong`, `Vo Van Thuong`).
        if langs & VI != 0
            && given + 1 < e
            && self.joins_previous(given + 1)
            && self.plain_name_word(given + 1)
            && is_syllable_word(word)
            && is_syllable_word(self.word(given + 1))
        {
            return Some((Run { from: p, to: given + 1 }, Rule::FamilyFirst));
        }
        None
    }

    /// Whether the person in words `[first, last]` is written family name
    /// first, so that a later lone mention of word `first` is this person
    /// (`Gong Zhichao … Gong said`).
    pub(super) fn is_family_first(
        &mut self,
        first: usize,
        last: usize,
    ) -> bool {
        let surnames = &self.rules.surnames_first;
        let Some(langs) = self.folded_get(surnames, first) else {
            return false;
        };
        match last.checked_sub(first) {
            Some(1) => is_romanized_given_name(self.word(last), langs),
            Some(2) => {
                langs & VI != 0
                    && is_syllable_word(self.word(first + 1))
                    && is_syllable_word(self.word(last))
            }
            _ => false,
        }
    }

    /// A capitalized word that may be part of a name: no gazetteer
    /// mention, stop word, generic noun, suffix or title.
    fn plain_name_word(&self, k: usize) -> bool {
        self.has(k, Shape::CAP)
            && !self.has(k, Shape::UPPER | Shape::INITIAL | Shape::CLAIMED)
            && self.toks[k].gaz == NO_GAZ
            && !self.is_stop(k)
            && !self.is_generic(k)
            && !self.is_suffix(k)
            && !self.is_title(k)
    }
}

/// A given name as Chinese (Hanyu Pinyin: one to three syllables written
/// together, `Zhichao`, `Jinping`; or Wade–Giles with a hyphen,
/// `Ying-jeou`) or Korean romanization writes it (two syllables with a
/// hyphen, `Jae-in`, `Jong-un`).
pub(super) fn is_romanized_given_name(word: &str, langs: u8) -> bool {
    if !word.is_ascii() || word.len() > 12 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    if let Some((a, b)) = lower.split_once('-') {
        return (1..=5).contains(&a.len())
            && (1..=5).contains(&b.len())
            && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_lowercase());
    }
    langs & ZH != 0 && pinyin_syllables(&lower).is_some_and(|n| n <= 3)
}

/// A short syllable word of a Vietnamese name (after folding: `Phu`,
/// `Trong`, `Xuan`).
fn is_syllable_word(word: &str) -> bool {
    let n = word.chars().count();
    (2..=5).contains(&n) && word.chars().all(char::is_alphabetic)
}

/// The syllables of Hanyu Pinyin without tones (`v` for `ü`): the
/// standard table, 407 syllables.
const PINYIN: &str = "a ai an ang ao ba bai ban bang bao bei ben beng bi \
    bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai \
    chan chang chao che chen cheng chi chong chou chu chua chuai chuan \
    chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang \
    dao de dei den deng di dian diao die ding diu dong dou du duan dui dun \
    duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang \
    gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai \
    han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun \
    huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka \
    kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui \
    kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin \
    ling liu long lou lu luan lun luo lv lve ma mai man mang mao me mei men \
    meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei \
    nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv \
    nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po \
    pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun \
    ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san \
    sang sao se sen seng sha shai shan shang shao she shei shen sheng shi \
    shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui \
    sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu \
    tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang \
    xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin \
    ying yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha \
    zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai \
    zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo";

/// The Pinyin syllables, sorted, for binary search.
fn syllables() -> &'static [&'static str] {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> =
        std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut all: Vec<&str> = PINYIN.split_ascii_whitespace().collect();
        all.sort_unstable();
        all
    })
}

/// The number of Pinyin syllables `word` (lower-case ASCII) splits into,
/// if it splits into syllables at all (the fewest, when several ways).
pub(super) fn pinyin_syllables(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    // fewest[i]: the fewest syllables that spell b[..i]. Syllables have
    // at most six letters (`zhuang`); a word of a few syllables takes a
    // few dozen lookups in the sorted table.
    let mut fewest = vec![usize::MAX; b.len() + 1];
    fewest[0] = 0;
    for i in 0..b.len() {
        if fewest[i] == usize::MAX {
            continue;
        }
        for len in 1..=6.min(b.len() - i) {
            let piece = &word[i..i + len];
            if syllables().binary_search(&piece).is_ok() {
                fewest[i + len] = fewest[i + len].min(fewest[i] + 1);
            }
        }
    }
    (fewest[b.len()] != usize::MAX && !b.is_empty()).then_some(fewest[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_table() {
        // (word, syllables), worked out by hand.
        let cases = [
            ("zhichao", Some(2)),  // zhi chao
            ("jinping", Some(2)),  // jin ping
            ("keqiang", Some(2)),  // ke qiang
            ("xiaoping", Some(2)), // xiao ping
            ("wei", Some(1)),
            ("xian", Some(1)), // one syllable, not xi an
            ("smith", None),   // no syllable starts "sm"
            ("beach", None),   // "be" is no syllable
            ("life", None),    // li, then "fe" is none
            ("", None),
        ];
        for (word, want) in cases {
            assert_eq!(pinyin_syllables(word), want, "{word}");
        }
    }

    #[test]
    fn given_name_shapes() {
        let cases = [
            ("Zhichao", ZH, true),
            ("Ying-jeou", ZH, true),
            ("Jae-in", KO, true),
            ("Jong-un", KO, true),
            ("Smith", ZH, false),
            ("Island", ZH, false),
            // A Korean given name is written with a hyphen.
            ("Minho", KO, false),
            ("Jinping", ZH | KO, true),
        ];
        for (word, langs, want) in cases {
            assert_eq!(is_romanized_given_name(word, langs), want, "{word}");
        }
    }
}
