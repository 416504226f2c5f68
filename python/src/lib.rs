//! The `entx._entx` extension module: entx's [`Extractor`] for Python.
//! Gazetteers load through [`entx::load`], as for the CLI, and each
//! document is written by the CLI's own JSON writer and parsed by Python's
//! `json`, so a dict has exactly the keys, order and values of an
//! `entx extract` line. Extraction runs with the GIL released.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{
    PyException, PyTypeError, PyUserWarning, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};

use entx::load::{self, LoadError, Sources};
use entx::output::{DocId, DocumentOut, JsonWriter};
use entx::{CaseMode, Extractor, Scratch};

pyo3::create_exception!(
    entx,
    EntxError,
    PyException,
    "Base class of the errors entx raises."
);
pyo3::create_exception!(
    entx,
    GazetteerError,
    EntxError,
    "A gazetteer that cannot be loaded: a missing or unreadable path, a \
     malformed line (the message says FILE:LINE), a damaged compiled index, \
     or no entities at all."
);
pyo3::create_exception!(
    entx,
    GazetteerWarning,
    PyUserWarning,
    "A problem in a gazetteer that did not stop loading it (a merged \
     duplicate id, an alias that normalizes to nothing)."
);

/// Texts this long or longer are refused: offsets are 32-bit.
const MAX_TEXT: usize = u32::MAX as usize;

/// The buffers one thread needs to tag and write a document.
#[derive(Default)]
struct Worker {
    scratch: Scratch,
    writer: JsonWriter,
}

impl Worker {
    /// Tag `text` and write it as the CLI would, with a `null` id, at the
    /// end of `out`.
    fn render(
        &mut self,
        extractor: &Extractor,
        text: &str,
        out: &mut Vec<u8>,
    ) {
        let found = extractor.extract_all(text, &mut self.scratch);
        let doc = DocumentOut {
            id: DocId::Null,
            keep: &[],
            text,
            mentions: found.mentions,
            rules: found.rules,
        };
        self.writer.append_document(out, extractor, &doc);
    }
}

/// Python's `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// One document's JSON line as a dict, without the `id` the CLI writes.
fn to_dict<'py>(py: Python<'py>, line: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    // The writer's output is ASCII-safe UTF-8 JSON; a str is the form
    // json.loads takes without guessing an encoding.
    let line = std::str::from_utf8(line).map_err(|e| {
        EntxError::new_err(format!("internal error: output not UTF-8: {e}"))
    })?;
    let doc = loads.bind(py).call1((line,))?;
    doc.cast::<PyDict>()?.del_item("id")?;
    Ok(doc)
}

fn parse_case(case: &str) -> PyResult<CaseMode> {
    match case {
        "smart" => Ok(CaseMode::Smart),
        "sensitive" => Ok(CaseMode::Sensitive),
        "insensitive" => Ok(CaseMode::Insensitive),
        _ => Err(PyValueError::new_err(format!(
            "case must be 'smart', 'sensitive' or 'insensitive', not {case:?}"
        ))),
    }
}

fn case_name(case: CaseMode) -> &'static str {
    match case {
        CaseMode::Smart => "smart",
        CaseMode::Sensitive => "sensitive",
        CaseMode::Insensitive => "insensitive",
    }
}

fn load_error(err: LoadError) -> PyErr {
    match err {
        LoadError::Empty => GazetteerError::new_err(
            "no gazetteer entities: give gazetteers with entries, or \
             builtin=True",
        ),
        LoadError::Builtin(_) => EntxError::new_err(err.to_string()),
        _ => GazetteerError::new_err(err.to_string()),
    }
}

/// Gazetteer paths from a list (or any iterable) of str or os.PathLike.
fn gazetteer_paths(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let is_path =
        obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")?;
    if is_path {
        return Err(PyTypeError::new_err(
            "gazetteers must be a list of paths, not a single path: \
             gazetteers=[path]",
        ));
    }
    let mut paths = Vec::new();
    for item in obj.try_iter()? {
        paths.push(item?.extract::<PathBuf>()?);
    }
    Ok(paths)
}

/// A text from Python, or why it cannot be tagged.
fn text_of(item: &Bound<'_, PyAny>) -> PyResult<String> {
    let Ok(text) = item.cast::<PyString>() else {
        let kind = item.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "texts must be str, not {kind}"
        )));
    };
    let text = text.to_cow()?.into_owned();
    if text.len() >= MAX_TEXT {
        return Err(PyValueError::new_err(
            "text is 4 GiB or larger (as UTF-8); entx handles texts up to \
             4 GiB",
        ));
    }
    Ok(text)
}

/// Finds the people, organizations and places of a gazetteer in text.
#[pyclass(module = "entx", name = "Extractor", frozen)]
struct PyExtractor {
    extractor: Arc<Extractor>,
    sources: Sources,
    /// Buffers for `extract`, reused across calls (and threads).
    idle: Mutex<Vec<Worker>>,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteers=None, *, builtin=true, rules=true, case="smart"))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        builtin: bool,
        rules: bool,
        case: &str,
    ) -> PyResult<PyExtractor> {
        let sources = Sources {
            gazetteers: gazetteer_paths(gazetteers)?,
            builtin,
            case: parse_case(case)?,
            rules,
            ..Sources::default()
        };
        let extractor =
            py.detach(|| load::extractor(&sources)).map_err(load_error)?;
        if extractor.warnings().next().is_some() {
            let category = py.get_type::<GazetteerWarning>();
            for w in extractor.warnings() {
                PyErr::warn(py, &category, &std::ffi::CString::new(w)?, 1)?;
            }
        }
        Ok(PyExtractor {
            extractor: Arc::new(extractor),
            sources,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Tag one text: {"mentions": [...], "entities": [...]}, as a line of
    /// `entx extract` output without its "id".
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = text_of(text)?;
        let mut worker = self.take_worker();
        let mut out = Vec::new();
        py.detach(|| worker.render(&self.extractor, &text, &mut out));
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(worker);
        }
        to_dict(py, &out)
    }

    /// Tag many texts on `threads` threads (default: all cores), reading
    /// `texts` lazily, `chunk_size` at a time, and yielding the results in
    /// input order.
    #[pyo3(signature = (texts, *, threads=None, chunk_size=256))]
    fn extract_many(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
        chunk_size: i64,
    ) -> PyResult<ExtractIter> {
        let threads = match threads {
            None => {
                std::thread::available_parallelism().map_or(1, |n| n.get())
            }
            Some(n) if n >= 1 => n as usize,
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "threads must be at least 1, not {n}"
                )))
            }
        };
        if chunk_size < 1 {
            return Err(PyValueError::new_err(format!(
                "chunk_size must be at least 1, not {chunk_size}"
            )));
        }
        Ok(ExtractIter {
            extractor: Arc::clone(&self.extractor),
            texts: Some(texts.try_iter()?.unbind()),
            threads,
            chunk_size: chunk_size as usize,
            workers: Vec::new(),
            done: Vec::new(),
            next: 0,
            error: None,
        })
    }

    /// Distinct normalized aliases in the compiled gazetteer.
    #[getter]
    fn pattern_count(&self) -> usize {
        self.extractor.pattern_count()
    }

    /// Problems found while loading that did not stop it (also issued as
    /// `entx.GazetteerWarning` when the extractor was made).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.extractor.warnings().map(str::to_owned).collect()
    }

    /// The arguments this extractor was made with, so that pickling (as
    /// spaCy's multiprocessing does) rebuilds it from the same paths.
    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyDict>)> {
        let kwargs = PyDict::new(py);
        let paths = PyList::new(py, &self.sources.gazetteers)?;
        kwargs.set_item("gazetteers", paths)?;
        kwargs.set_item("builtin", self.sources.builtin)?;
        kwargs.set_item("rules", self.sources.rules)?;
        kwargs.set_item("case", case_name(self.sources.case))?;
        Ok((pyo3::types::PyTuple::empty(py).into_any(), kwargs))
    }

    fn __repr__(&self) -> String {
        let s = &self.sources;
        let paths: Vec<String> = s
            .gazetteers
            .iter()
            .map(|p| format!("{:?}", p.display().to_string()))
            .collect();
        format!(
            "entx.Extractor(gazetteers=[{}], builtin={}, rules={}, \
             case={:?})",
            paths.join(", "),
            if s.builtin { "True" } else { "False" },
            if s.rules { "True" } else { "False" },
            case_name(s.case),
        )
    }
}

impl PyExtractor {
    fn take_worker(&self) -> Worker {
        self.idle
            .lock()
            .ok()
            .and_then(|mut idle| idle.pop())
            .unwrap_or_default()
    }
}

/// The iterator `Extractor.extract_many` returns.
#[pyclass(module = "entx")]
struct ExtractIter {
    extractor: Arc<Extractor>,
    /// The input, until it is exhausted.
    texts: Option<Py<PyIterator>>,
    threads: usize,
    chunk_size: usize,
    /// One per thread, kept from chunk to chunk.
    workers: Vec<Worker>,
    /// The current chunk's output, one JSON line per text.
    done: Vec<Vec<u8>>,
    /// Index into `done` of the next result to yield.
    next: usize,
    /// An error met reading the input, raised after the texts before it.
    error: Option<PyErr>,
}

#[pymethods]
impl ExtractIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        if self.next == self.done.len() {
            if let Some(err) = self.error.take() {
                return Err(err);
            }
            self.fill(py)?;
            if self.done.is_empty() {
                if let Some(err) = self.error.take() {
                    return Err(err);
                }
                return Ok(None);
            }
        }
        let line = std::mem::take(&mut self.done[self.next]);
        self.next += 1;
        to_dict(py, &line).map(Some)
    }
}

impl ExtractIter {
    /// Read the next chunk of texts and tag it with the GIL released.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        self.done.clear();
        self.next = 0;
        let Some(texts) = &self.texts else { return Ok(()) };
        let mut texts = texts.bind(py).clone();
        let mut chunk = Vec::with_capacity(self.chunk_size);
        while chunk.len() < self.chunk_size {
            match texts.next() {
                None => {
                    self.texts = None;
                    break;
                }
                Some(Ok(item)) => match text_of(&item) {
                    Ok(text) => chunk.push(text),
                    Err(err) => {
                        self.stop(err);
                        break;
                    }
                },
                Some(Err(err)) => {
                    self.stop(err);
                    break;
                }
            }
        }
        let threads = self.threads.min(chunk.len()).max(1);
        self.workers
            .resize_with(threads.max(self.workers.len()), Worker::default);
        let (extractor, workers, done) =
            (&*self.extractor, &mut self.workers[..threads], &mut self.done);
        py.detach(|| render_chunk(extractor, &chunk, workers, done));
        Ok(())
    }

    /// Keep `err` to raise once the texts read before it are yielded, and
    /// read no further.
    fn stop(&mut self, err: PyErr) {
        self.error = Some(err);
        self.texts = None;
    }
}

/// Tag `texts` on one thread per worker, each taking the next untagged
/// text; `done` gets one JSON line per text, in input order whatever the
/// number of threads.
fn render_chunk(
    extractor: &Extractor,
    texts: &[String],
    workers: &mut [Worker],
    done: &mut Vec<Vec<u8>>,
) {
    done.resize_with(texts.len(), Vec::new);
    if let [worker] = workers {
        for (text, out) in texts.iter().zip(done.iter_mut()) {
            worker.render(extractor, text, out);
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = workers
            .iter_mut()
            .map(|worker| {
                let next = &next;
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(i) else { break };
                        let mut out = Vec::new();
                        worker.render(extractor, text, &mut out);
                        mine.push((i, out));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for (i, out) in parts.into_iter().flatten() {
        done[i] = out;
    }
}

#[pymodule]
fn _entx(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyExtractor>()?;
    m.add_class::<ExtractIter>()?;
    m.add("EntxError", py.get_type::<EntxError>())?;
    m.add("GazetteerError", py.get_type::<GazetteerError>())?;
    m.add("GazetteerWarning", py.get_type::<GazetteerWarning>())?;
    Ok(())
}
