window.labyrintSearch.load("t-h",{"handicap":"DnU","hjælp":"CqfAxL er","hver":"DnU","hvornår":"FsU"});
