//! Work split across the cores in a way that cannot change the result:
//! the items are cut into contiguous shares, each share is worked on by a
//! thread, and the results are joined back in the items' order. A build
//! on one thread and on eight write the same bytes.
//!
//! `HANDOUT_THREADS` sets how many threads (1 for a one-thread build, as
//! the determinism tests do); by default one per core, at most 8.

/// How many threads to split work across.
pub fn threads() -> usize {
    let from_env = std::env::var("HANDOUT_THREADS")
        .ok()
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    from_env.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// `work` applied to contiguous shares of `items`, at least `min_share`
/// items each (below that a thread costs more than it saves), the results
/// in the shares' order. A panic in a share is raised again here.
pub fn map_shares<T, R>(items: &[T], min_share: usize, work: impl Fn(&[T]) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    if items.is_empty() {
        return Vec::new();
    }
    let share = items.len().div_ceil(threads()).max(min_share.max(1));
    if share >= items.len() {
        return vec![work(items)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(share)
            .map(|chunk| scope.spawn(move || work(chunk)))
            .collect();
        joined(handles)
    })
}

/// `work` applied to each item, on several threads, in the items' order.
pub fn map<T, R>(items: &[T], min_share: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    map_shares(items, min_share, |share| {
        share.iter().map(&work).collect::<Vec<R>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// `work` applied to each item, on several threads that each take the next
/// item not yet taken, the costliest first (by `cost`), so a few large
/// items and many small ones keep every core busy to the end. The results
/// come back in the items' order, whatever thread made each.
pub fn map_balanced<T, R>(
    items: &[T],
    cost: impl Fn(&T) -> usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads().min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable: items of equal cost are taken in their own order.
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&items[i])));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (work, order, next) = (&work, &order, &next);
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&index) = order.get(taken) else {
                            break done;
                        };
                        done.push((index, work(&items[index])));
                    }
                })
            })
            .collect();
        joined(handles)
    });
    let mut results: Vec<(usize, R)> = parts.into_iter().flatten().collect();
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// `work` applied to each item in place, on several threads (each item is
/// changed by one thread only, so the result does not depend on how many).
pub fn for_each_mut<T: Send>(items: &mut [T], min_share: usize, work: impl Fn(&mut T) + Sync) {
    if items.is_empty() {
        return;
    }
    let share = items.len().div_ceil(threads()).max(min_share.max(1));
    let work = &work;
    std::thread::scope(|scope| {
        for chunk in items.chunks_mut(share) {
            scope.spawn(move || chunk.iter_mut().for_each(work));
        }
    });
}

/// `other` run on a thread of its own while this one runs `here` (one
/// after the other on one thread); returns what both returned.
pub fn join<A: Send, B>(other: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    if threads() < 2 {
        let a = other();
        return (a, here());
    }
    std::thread::scope(|scope| {
        let handle = scope.spawn(other);
        let b = here();
        let a = joined(vec![handle]).pop().expect("one thread, one result");
        (a, b)
    })
}

/// `work` applied to each item by the other threads while this one runs
/// `meanwhile`, then by this one too, taking whatever item is not yet
/// taken: work that can wait fills the cores a serial step leaves idle.
/// The results come back in the items' order, with what `meanwhile`
/// returned.
pub fn map_beside<T, R, M>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    meanwhile: impl FnOnce() -> M,
) -> (Vec<R>, M)
where
    T: Sync,
    R: Send + Sync,
{
    let helpers = threads().saturating_sub(1).min(items.len());
    if helpers == 0 {
        let beside = meanwhile();
        return (items.iter().map(work).collect(), beside);
    }
    let done: Vec<std::sync::OnceLock<R>> = items.iter().map(|_| Default::default()).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take_all = || {
        loop {
            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (Some(item), Some(slot)) = (items.get(taken), done.get(taken)) else {
                break;
            };
            let _ = slot.set(work(item));
        }
    };
    let beside = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers).map(|_| scope.spawn(take_all)).collect();
        let beside = meanwhile();
        take_all();
        joined(handles);
        beside
    });
    let results = done
        .into_iter()
        .map(|slot| slot.into_inner().expect("every item was taken"))
        .collect();
    (results, beside)
}

/// The results of scoped threads, in their order; a thread's panic is
/// raised again here.
fn joined<R>(handles: Vec<std::thread::ScopedJoinHandle<'_, R>>) -> Vec<R> {
    handles
        .into_iter()
        .map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

/// Drops `value` on a thread of its own, so that the caller goes on at
/// once: freeing a large library's views and pages (a tenth of a second
/// at 10,000 exercises) overlaps with writing the output. While this
/// thread holds a [`LaterDrops`], the value waits for it instead.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    let value = match LATER.with_borrow_mut(|later| match later {
        Some(later) => {
            later.push(Box::new(value));
            None
        }
        None => Some(value),
    }) {
        Some(value) => value,
        None => return,
    };
    if threads() == 1 {
        drop(value);
        return;
    }
    // Should the thread not start, the closure, and `value` with it, is
    // dropped here instead.
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

thread_local! {
    /// What [`drop_in_background`] was given while a [`LaterDrops`] of
    /// this thread lived.
    static LATER: std::cell::RefCell<Option<Vec<Box<dyn Send>>>> =
        const { std::cell::RefCell::new(None) };
}

/// While it lives, what this thread gives [`drop_in_background`] waits,
/// and is dropped with it: serve's build process answers first and frees
/// the last build's library after, as freeing on the other core while
/// the build still runs slows both (they share the allocator's heap).
pub struct LaterDrops(());

impl LaterDrops {
    /// Starts keeping what is to be dropped.
    pub fn start() -> LaterDrops {
        LATER.with_borrow_mut(|later| {
            later.get_or_insert_with(Vec::new);
        });
        LaterDrops(())
    }
}

impl Drop for LaterDrops {
    fn drop(&mut self) {
        // Taken out first: a value's own drop may drop in the background.
        let kept = LATER.with_borrow_mut(Option::take);
        drop(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_of_a_join_run() {
        let (a, b) = join(|| (1..=100).sum::<u32>(), || "here");
        assert_eq!((a, b), (5050, "here"));
    }

    #[test]
    fn work_beside_a_serial_step_keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let (doubled, beside) = map_beside(&items, |n| n * 2, || "done");
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(beside, "done");
        let (none, _) = map_beside(&[] as &[usize], |n| *n, || ());
        assert!(none.is_empty());
    }

    #[test]
    fn drops_wait_while_later_drops_lives() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        struct Counted(Arc<AtomicUsize>);
        impl Drop for Counted {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(AtomicUsize::new(0));
        let later = LaterDrops::start();
        drop_in_background(Counted(Arc::clone(&dropped)));
        drop_in_background(Counted(Arc::clone(&dropped)));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(dropped.load(Ordering::SeqCst), 0);
        drop(later);
        assert_eq!(dropped.load(Ordering::SeqCst), 2);
        // Without one, a value is dropped on a thread of its own.
        drop_in_background(Counted(Arc::clone(&dropped)));
        for _ in 0..200 {
            if dropped.load(Ordering::SeqCst) == 3 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("not dropped");
    }

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = map(&items, 10, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(map_shares(&items, 10, <[usize]>::len).iter().sum::<usize>() == 1000);
        assert!(map(&[] as &[usize], 1, |n| *n).is_empty());
        let balanced = map_balanced(&items, |n| n % 7, |n| n * 2);
        assert_eq!(balanced, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(map_balanced(&[] as &[usize], |_| 1, |n| *n).is_empty());
        let mut changed = items.clone();
        for_each_mut(&mut changed, 10, |n| *n += 1);
        assert_eq!(changed, items.iter().map(|n| n + 1).collect::<Vec<_>>());
    }
}
