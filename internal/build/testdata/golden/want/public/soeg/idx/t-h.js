window.labyrintSearch.load("t-h",{"handicap":"DpO","hjælp":"CqOAwV er","hver":"DpO","hvornår":"FsK"});
