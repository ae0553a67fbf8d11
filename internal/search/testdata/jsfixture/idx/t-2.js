window.labyrintSearch.load("t-2",{"2022":"RvfAvV","2023":"Tza","2024":"Rza","2025":"SvVAvf","24":"DrZ","25":"MtD"});
